import { ME, repliesPerMessage, sleep, startDrillService, waitFor } from '../drills/service.js';
import { postgresAvailable } from '../dev/support/postgres.js';
import { machine, type BenchResult } from './machine.js';
import { saveResults } from './save.js';

const RATE = Number(process.env.LATENCY_RATE ?? 50); // messages per second
const SECONDS = Number(process.env.LATENCY_SECONDS ?? 20);

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Push notification → reply arriving at the Google emulator, grace period 0, at 50 messages a
 * second for 20 s. Each message is injected, then its Pub/Sub push is sent; the clock starts when
 * the push leaves and stops when the emulator receives messages.send for that message.
 */
export async function endToEndLatency(): Promise<BenchResult[]> {
  const engine = (await postgresAvailable()) ? 'postgres' : 'pglite';
  const s = await startDrillService({ engine, inProcessWorkers: true, env: { POLL_INTERVAL_SECONDS: '3600' } });
  try {
    const total = RATE * SECONDS;
    const pushedAt = new Map<string, number>();
    const pushes: Promise<number>[] = [];
    const start = Date.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      if (due > Date.now()) await sleep(due - Date.now());
      const id = `<lat${i}@bench.example>`;
      await s.emulator.control.injectMessage({ from: `Client ${i} <c${i}@client${i % 23}.example>`, to: [ME], subject: `Question ${i}`, headers: { 'Message-ID': id } });
      pushedAt.set(id, Date.now());
      pushes.push(s.push());
    }
    const statuses = await Promise.all(pushes);
    await waitFor(async () => repliesPerMessage(await s.emulator.control.sent()).size >= total, 60_000);
    const latencies: number[] = [];
    for (const sent of s.emulator.control.state.sent) {
      const id = /^In-Reply-To: (.*)$/m.exec(sent.raw)?.[1]?.trim();
      const t0 = id ? pushedAt.get(id) : undefined;
      if (t0 !== undefined && sent.sentAtMs !== undefined) latencies.push(sent.sentAtMs - t0);
    }
    latencies.sort((a, b) => a - b);
    const m = machine();
    const refused = statuses.filter((st) => st !== 204).length;
    const method = `In-process service (API + BullMQ workers in one Node process, own Redis, ${engine === 'postgres' ? 'PostgreSQL at 127.0.0.1' : 'PGlite'}), Google emulator on loopback in the same process, one connected Gmail account, grace period 0, every hour after hours. ${total} messages at ${RATE}/s for ${SECONDS} s, each followed by its own signed Pub/Sub push; latency = emulator's receipt of messages.send minus the moment the push was sent. ${latencies.length}/${total} replies measured, ${refused} pushes refused.`;
    const round = (n: number) => Math.round(n);
    return saveResults('latency.json', [
      { name: `End-to-end latency p50 (push → reply at emulator, ${RATE} msg/s)`, value: round(percentile(latencies, 50)), unit: 'ms', method, machine: m },
      { name: `End-to-end latency p99 (push → reply at emulator, ${RATE} msg/s)`, value: round(percentile(latencies, 99)), unit: 'ms', goal: '≤ 250', method, machine: m },
    ]);
  } finally {
    await s.stop();
  }
}

if (process.argv[1]?.endsWith('latency.ts')) {
  for (const r of await endToEndLatency()) process.stdout.write(`${r.name}: ${r.value} ${r.unit}\n`);
  process.exit(0);
}
