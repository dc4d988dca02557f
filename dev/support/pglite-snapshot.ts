import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pgliteHandle } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

/**
 * PGlite's initdb costs about 10 s of CPU, and vitest runs every test file in a fresh process:
 * paid per file, that was a third of the suite's work. The migrated database is dumped to disk
 * once, under a name made from PGlite's version and the migrations' source, so a changed
 * migration makes a new dump; each process then compiles the WebAssembly once and starts every
 * database from the dump (about 2 s of CPU instead of 12).
 */

const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
const storage = path.resolve(import.meta.dirname, '../../src/storage');
const dir = path.join(os.tmpdir(), 'boundary-test-pglite');

function key(): string {
  const h = createHash('sha256');
  h.update(readFileSync(path.join(dist, '../package.json')));
  const sources = [path.join(storage, 'migrate.ts'), ...readdirSync(path.join(storage, 'migrations')).sort().map((f) => path.join(storage, 'migrations', f))];
  for (const file of sources) h.update(file).update(readFileSync(file));
  return h.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The dump's bytes: read from disk, or made here while other processes wait for it. */
async function migratedDump(base: Omit<PGliteOptions, 'loadDataDir'>): Promise<Blob> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${key()}.tar`);
  const lock = `${file}.lock`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      return new Blob([readFileSync(file)]);
    } catch {
      // not made yet
    }
    let mine = false;
    try {
      closeSync(openSync(lock, 'wx'));
      mine = true;
    } catch {
      // A lock left by a killed run is older than any real build.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { force: true });
    }
    if (mine) {
      try {
        const client = await PGlite.create(base);
        const seed = pgliteHandle(client);
        await migrateToLatest(seed.db);
        const dump = await client.dumpDataDir('none');
        await seed.close();
        const partial = `${file}.${process.pid}`;
        writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
        renameSync(partial, file);
        return dump;
      } finally {
        rmSync(lock, { force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`no PGlite snapshot at ${file}: another process holds ${lock}`);
    await sleep(200);
  }
}

let snapshot: Promise<PGliteOptions> | undefined;

/** Options that start a migrated, empty PGlite; compiled and read once per process. */
export function migratedSnapshot(): Promise<PGliteOptions> {
  snapshot ??= (async () => {
    // The global exists in Node; this project's TypeScript libs only declare its types.
    const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;
    const pgliteWasmModule = await wasm.compile(readFileSync(path.join(dist, 'pglite.wasm')));
    const fsBundle = new Blob([readFileSync(path.join(dist, 'pglite.data'))]);
    const loadDataDir = await migratedDump({ pgliteWasmModule, fsBundle });
    return { pgliteWasmModule, fsBundle, loadDataDir };
  })();
  return snapshot;
}
