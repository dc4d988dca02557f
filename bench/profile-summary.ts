import { readFileSync } from 'node:fs';

/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went: the costliest functions
 * and the costliest libraries by self time, per message when a message count is given.
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [messages]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<package> (scoped too), Boundary's own folder, or Node itself. */
export function libraryOf(url: string): string {
  if (!url) return '(native / idle / gc)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node core';
  const own = /\/(src|workers|bench|dev)\/([^/]+)/.exec(url);
  return own ? `boundary ${own[1]}/${own[2]}` : url;
}

export function summarise(profile: Profile): { functions: Array<[string, number]>; libraries: Array<[string, number]>; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const fn = new Map<string, number>();
  const lib = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    totalMs += ms;
    const name = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|workers|bench|dev)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim();
    fn.set(name, (fn.get(name) ?? 0) + ms);
    const l = libraryOf(url);
    lib.set(l, (lib.get(l) ?? 0) + ms);
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return { functions: top(fn), libraries: top(lib), totalMs };
}

if (process.argv[1]?.endsWith('profile-summary.ts')) {
  const [file, messages] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [messages]');
  const { functions, libraries, totalMs } = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const n = Number(messages) || 0;
  const cell = (ms: number) => (n ? `${((ms / n) * 1000).toFixed(0)} µs/msg` : `${ms.toFixed(0)} ms`);
  const out = [`busy CPU ${totalMs.toFixed(0)} ms${n ? ` over ${n} messages = ${cell(totalMs)}` : ''}`, '', '| library | self time | share |', '|---|---:|---:|'];
  for (const [k, ms] of libraries) out.push(`| ${k} | ${cell(ms)} | ${((ms / totalMs) * 100).toFixed(1)}% |`);
  out.push('', '| function | self time | share |', '|---|---:|---:|');
  for (const [k, ms] of functions) out.push(`| \`${k.replace(/\|/g, '\\|')}\` | ${cell(ms)} | ${((ms / totalMs) * 100).toFixed(1)}% |`);
  process.stdout.write(`${out.join('\n')}\n`);
}
