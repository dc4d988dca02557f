import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * `npm run build`, second step: the `boundary` command as one ES module with its pure commands'
 * dependencies inside (dist/src/cli/boundary.js, which bin/boundary.js runs). Loading TypeBox,
 * chrono-node, mailparser and date-holidays file by file is most of what `boundary hours` and
 * `explain` cost on a cold start (several hundred modules); bundled, they are a few chunks.
 * The service commands (start, worker, migrate, user, digest) stay imports of tsc's output next
 * to the bundle, so the service itself runs exactly as compiled, with its own node_modules.
 */

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** main.ts imports these lazily; they are the service and stay outside the bundle. */
const SERVICE = /^\.\/(service|data-commands|data-access|migrate|login-link)\.js$/;

const serviceOutside: Plugin = {
  name: 'service-outside',
  setup(b) {
    b.onResolve({ filter: SERVICE }, (args) => (args.importer === path.join(root, 'src/cli/main.ts') ? { path: args.path, external: true } : undefined));
  },
};

/**
 * Large data reads several times faster as a JSON string (JSON.parse) than as an object literal,
 * which V8 must compile: date-holidays ships its data as an 800 kB literal, and esbuild would turn
 * moment-timezone's zone data (a .json file) into one too. Both go into the bundle as JSON strings.
 */
const dataAsJson: Plugin = {
  name: 'data-as-json',
  setup(b) {
    const asJson = (data: unknown, target: string) => ({ contents: `${target} = JSON.parse(${JSON.stringify(JSON.stringify(data))});`, loader: 'js' as const });
    b.onLoad({ filter: /[\\/]date-holidays[\\/]lib[\\/]data\.cjs$/ }, (args) => asJson((require(args.path) as { data: unknown }).data, 'exports.data'));
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.json$/ }, (args) => asJson(require(args.path), 'module.exports'));
  },
};

const outdir = path.join(root, 'dist/src/cli');
// Chunk names carry a content hash: last build's would otherwise stay behind.
rmSync(path.join(outdir, 'bundle'), { recursive: true, force: true });
await build({
  entryPoints: { boundary: path.join(root, 'src/cli/main.ts') },
  outdir,
  chunkNames: 'bundle/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
  plugins: [serviceOutside, dataAsJson],
  logLevel: 'warning',
});
