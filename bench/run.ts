import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { machine, type BenchResult } from './machine.js';
import { providerEfficiency } from './provider-efficiency.js';
import { cliStart } from './cli-start.js';
import { calibrate, normalise, REFERENCE_JS_ROUNDS_PER_SECOND, REFERENCE_MIB_PER_SECOND, type Calibration } from './calibration.js';
import { capacity } from './capacity.js';
import { imapBench } from './imap.js';
import { scale } from './scale.js';
import { signalQuality } from './signals.js';
import { webhookIngress } from './webhook-ingress.js';

/**
 * `npm run bench`: runs every benchmark, then writes bench/results/summary.json and
 * bench/results/README.md (a Markdown table). Nothing here is a test; the figures are reported.
 */

const here = path.dirname(new URL(import.meta.url).pathname);
const results = path.join(here, 'results');
mkdirSync(results, { recursive: true });

/** decide.ts measures one core, so it runs alone in its own process and writes decide.json. */
function decisionThroughput(): BenchResult[] {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'decide.ts')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`bench/decide.ts exited with ${run.status}`);
  const d = JSON.parse(readFileSync(path.join(results, 'decide.json'), 'utf8')) as {
    method: string;
    calibration: Calibration;
    decideOnly: { decisionsPerSecond: number };
    withReplies: { decisionsPerSecond: number };
  };
  const m = machine();
  return [
    { name: 'Decisions per second, one core (reply not composed)', value: d.decideOnly.decisionsPerSecond, unit: 'decisions/s', goal: '≥ 100,000', method: d.method, machine: m, calibration: d.calibration },
    { name: 'Decisions per second, one core (every auto-reply composed)', value: d.withReplies.decisionsPerSecond, unit: 'decisions/s', method: d.method, machine: m, calibration: d.calibration },
  ];
}

/** digest.ts sets up its own database and writes digest.json; it runs in its own process too. */
function digestBuild(): BenchResult[] {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'digest.ts')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`bench/digest.ts exited with ${run.status}`);
  const d = JSON.parse(readFileSync(path.join(results, 'digest.json'), 'utf8')) as { method: string; calibration: Calibration; ms: { whole: { median: number; p95: number }; weeklyDay: { median: number }; historyWithSender: { median: number }; passStart: { median: number } } };
  const m = machine();
  return [
    { name: 'Digest build, 50,000 stored messages (median)', value: d.ms.whole.median, unit: 'ms', goal: '≤ 50', method: d.method, machine: m, calibration: d.calibration },
    { name: 'Digest build, 50,000 stored messages (p95)', value: d.ms.whole.p95, unit: 'ms', method: d.method, machine: m, calibration: d.calibration },
    { name: 'Digest build, 50,000 stored messages, the weekly day (median)', value: d.ms.weeklyDay.median, unit: 'ms', method: d.method, machine: m, calibration: d.calibration },
    { name: 'Per message on a 25,000-message mailbox: earlier mail with the sender (median)', value: d.ms.historyWithSender.median, unit: 'ms', method: d.method, machine: m, calibration: d.calibration },
    { name: 'Per sync pass on a 25,000-message mailbox: account, settings, decided since the last pass (median)', value: d.ms.passStart.median, unit: 'ms', method: d.method, machine: m, calibration: d.calibration },
  ];
}

const benches: Array<[string, () => Promise<BenchResult[]> | BenchResult[]]> = [
  ['command-line cold start', cliStart],
  ['decision throughput', decisionThroughput],
  ['digest build', digestBuild],
  ['signal quality', signalQuality],
  ['provider efficiency', providerEfficiency],
  ['capacity (push → reply)', () => capacity()],
  ['webhook ingress', webhookIngress],
  ['IMAP (real Dovecot and Postfix)', imapBench],
  // SCALE_MAILBOXES scales it down (default 10,000) when the full run is too long for a machine.
  ['scale', () => scale()],
];

/** How a figure moves with CPU speed, by its unit, unless the bench said so itself. */
function scalesOf(r: BenchResult): BenchResult['scales'] {
  if (r.scales) return r.scales;
  if (/\/s$/.test(r.unit)) return 'rate';
  if (['ms', 's', 'CPU-s', 'CPU-ms'].includes(r.unit)) return 'time';
  return undefined;
}

/** README.md: the table, and below it the hand-written comparison (before/after a change, profiles). */
function writeReadme(date: string, all: BenchResult[]): void {
  const appendix = path.join(results, 'before-after.md');
  writeFileSync(path.join(results, 'README.md'), markdown(date, all) + (existsSync(appendix) ? `\n${readFileSync(appendix, 'utf8')}` : ''));
}

// BENCH_REPORT=1 writes README.md again from the last summary.json (after before-after.md changed), running nothing.
if (process.env.BENCH_REPORT) {
  const last = JSON.parse(readFileSync(path.join(results, 'summary.json'), 'utf8')) as { date: string; results: BenchResult[] };
  writeReadme(last.date, last.results);
  process.exit(0);
}

// ONLY selects benches by name (comma-separated substrings), for a partial run.
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const all: BenchResult[] = [];
for (const [name, bench] of benches) {
  if (only && !only.some((o) => name.includes(o))) continue;
  process.stderr.write(`bench: ${name}…\n`);
  // Calibrated in this process just before the bench, unless the bench's own process did it.
  const here = calibrate();
  const figures = (await bench()).map((f) => {
    const calibration = f.calibration ?? here;
    return { ...f, calibration, normalised: normalise(f.value, scalesOf(f), calibration) };
  });
  for (const f of figures) process.stderr.write(`  ${f.name}: ${f.value} ${f.unit}${f.normalised !== undefined ? ` (reference core ${f.normalised})` : ''}${f.naive !== undefined ? ` (naive ${f.naive})` : ''}\n`);
  all.push(...figures);
}

const date = new Date().toISOString();
writeFileSync(path.join(results, 'summary.json'), `${JSON.stringify({ date, machine: machine(), results: all }, null, 2)}\n`);
writeReadme(date, all);
process.stderr.write(`bench: wrote ${path.relative(process.cwd(), path.join(results, 'summary.json'))} and README.md\n`);

function markdown(date: string, rows: BenchResult[]): string {
  const m = machine();
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '# Benchmark results',
    '',
    `Run ${date} on ${m.cpu} × ${m.cores}, Node ${m.node}, ${m.platform} (load average at the end: ${m.loadAverage.join(', ')}). Generated by \`npm run bench\`.`,
    '',
    `Every figure is also given as a reference core would measure it: each bench process first hashes the same 1 MiB buffer with SHA-256 192 times and runs a fixed JavaScript workload (JSON, a Map, a sort, a regular expression over 5,000 records) 20 times (bench/calibration.ts); the reference core hashes ${REFERENCE_MIB_PER_SECOND} MiB/s and runs ${REFERENCE_JS_ROUNDS_PER_SECOND} JavaScript rounds a second, a core's speed is the geometric mean of its two ratios to those, and rates are divided by that speed, times multiplied by it. Calibrations this run (hashing MiB/s, JavaScript rounds/s → speed): ${[...new Set(rows.map((r) => (r.calibration ? `${r.calibration.mibPerSecond}, ${r.calibration.jsRoundsPerSecond ?? '–'} → ${r.calibration.speed}` : undefined)).filter((x) => x !== undefined))].join('; ')}.`,
    '',
    '| benchmark | result | reference core | goal | naive approach, same run |',
    '|---|---:|---:|---|---:|',
    ...rows.map((r) => `| ${cell(r.name)} | ${r.value.toLocaleString('en')} ${r.unit} | ${r.normalised !== undefined ? `${r.normalised.toLocaleString('en')} ${r.unit}` : ''} | ${r.goal ?? ''} | ${r.naive !== undefined ? `${r.naive.toLocaleString('en')} ${r.unit}` : ''} |`),
    '',
    '## How each was measured',
    '',
    ...[...new Set(rows.map((r) => r.method))].map((method) => `- **${rows.filter((r) => r.method === method).map((r) => cell(r.name)).join('; ')}**: ${method}`),
    '',
  ];
  return lines.join('\n');
}
