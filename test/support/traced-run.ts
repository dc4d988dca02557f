import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface TracedRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The npm packages the process loaded, by name ('googleapis', '@azure/msal-node'). */
  packages: Set<string>;
  modules: number;
}

/**
 * Runs a TypeScript entry in a fresh Node with the module-trace preload (module-trace.mjs), so a
 * test can say which packages a path through the code loads, and which it must not.
 */
export function tracedRun(trace: string, args: string[], env: Record<string, string> = {}, timeout = 60_000): TracedRun {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/support/module-trace.mjs', ...args], {
    cwd: root,
    env: { ...process.env, ...env, MODULE_TRACE_FILE: trace },
    encoding: 'utf8',
    timeout,
  });
  const urls = new Set(readFileSync(trace, 'utf8').split('\n').filter(Boolean));
  const packages = new Set<string>();
  for (const url of urls) {
    const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (m) packages.add(m[1]!);
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, packages, modules: urls.size };
}
