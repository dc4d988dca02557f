import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { machine, type BenchResult } from './machine.js';

/**
 * Cold-start wall time of the built `boundary help`, `hours` and `explain` (bin/boundary.js, as
 * installed) next to a bare `node -e 0`, measured in the same run and interleaved, so a busy
 * machine slows all of them alike.
 */

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const RUNS = 15;

function wallMs(args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${run.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function cliStart(): BenchResult[] {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('npm run build failed');
  const cli = 'bin/boundary.js';
  const cases: Record<string, string[]> = {
    'bare node -e 0': ['-e', '0'],
    'boundary help': [cli, 'help'],
    'boundary hours': [cli, 'hours', '--settings', 'config/settings.example.json', '--at', '2026-11-27T23:30:00Z'],
    'boundary explain': [cli, 'explain', 'test/fixtures/eml/01-client-after-hours.eml', '--settings', 'test/fixtures/settings.json', '--now', '2025-11-25T18:45:00Z'],
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const args of Object.values(cases)) wallMs(args); // warm the file cache once
  for (let i = 0; i < RUNS; i++) for (const [name, args] of Object.entries(cases)) times[name]!.push(wallMs(args));
  const bare = median(times['bare node -e 0']!);
  const method = `built CLI (npm run build: tsc, then the esbuild bundle bin/boundary.js runs), ${RUNS} interleaved runs each, median wall time; goal compares with bare Node in the same run`;
  const m = machine();
  return Object.entries(times).map(([name, xs]) => {
    const ms = Math.round(median(xs));
    const ratio = Math.round((median(xs) / bare) * 100) / 100;
    return name === 'bare node -e 0'
      ? { name: `Cold start, ${name}`, value: ms, unit: 'ms', method, machine: m }
      : { name: `Cold start, ${name} (${ratio}× bare Node)`, value: ms, unit: 'ms', goal: `< 3× bare Node (${Math.round(bare * 3)} ms)`, method, machine: m };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of cliStart()) process.stdout.write(`${r.name}: ${r.value} ${r.unit}\n`);
}
