import { createHash } from 'node:crypto';

/**
 * Fixed CPU workloads, run in the same process as the figures they calibrate, so figures from two
 * machines can be compared after normalising to a reference core (issue 19):
 * - hashing: SHA-256 over the same 1 MiB buffer, 192 times;
 * - JavaScript: 5,000 message-like records built, serialised and parsed as JSON, grouped in a Map,
 *   sorted and searched with a regular expression, 20 times.
 * Hashing alone misjudged cores: SHA-256 runs on the CPU's SHA instructions, and two boxes of the
 * same kind that hashed 1,715 and 1,600 MiB/s decided 189,780 and 128,272 messages a second (the
 * full runs of 2026-11-30). A core's speed is the geometric mean of the two workloads' ratios.
 */
const BUFFER = Buffer.alloc(1 << 20, 0x5a);
const ROUNDS = 192;
const JS_ROUNDS = 20;

/** The reference core hashes at this speed... */
export const REFERENCE_MIB_PER_SECOND = 500;
/** ...and runs the JavaScript workload this many times a second. Figures are reported as if measured on it. */
export const REFERENCE_JS_ROUNDS_PER_SECOND = 50;

export interface Calibration {
  /** SHA-256 throughput of this process's core, best of three runs. */
  mibPerSecond: number;
  /** JavaScript workload rounds per second, best of three runs after a warm-up. */
  jsRoundsPerSecond: number;
  /** How much faster than the reference core this one is (above 1: faster). */
  speed: number;
}

export function calibrate(): Calibration {
  let hashing = 0;
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    let digest = '';
    for (let i = 0; i < ROUNDS; i++) digest = createHash('sha256').update(BUFFER).update(digest).digest('hex');
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    hashing = Math.max(hashing, ROUNDS / seconds);
  }
  let check = 0;
  for (let i = 0; i < 10; i++) check += jsWorkload(); // compiled and optimised before it is timed
  let js = 0;
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < JS_ROUNDS; i++) check += jsWorkload();
    js = Math.max(js, JS_ROUNDS / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  if (check <= 0) throw new Error('calibration workload returned nothing');
  const mibPerSecond = Math.round(hashing * 10) / 10;
  const jsRoundsPerSecond = Math.round(js * 10) / 10;
  const speed = Math.sqrt((mibPerSecond / REFERENCE_MIB_PER_SECOND) * (jsRoundsPerSecond / REFERENCE_JS_ROUNDS_PER_SECOND));
  return { mibPerSecond, jsRoundsPerSecond, speed: Math.round(speed * 1000) / 1000 };
}

/** Seeded, so every machine does exactly the same work; the result keeps V8 from dropping any of it. */
function jsWorkload(): number {
  let seed = 12_345;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff);
  const rows = [];
  for (let i = 0; i < 5_000; i++) rows.push({ id: i, from: `c${next() % 97}@client${next() % 13}.example`, subject: `Re: invoice ${next() % 1000} for week ${next() % 52}`, at: next() });
  const parsed = JSON.parse(JSON.stringify(rows)) as typeof rows;
  const byFrom = new Map<string, typeof rows>();
  for (const r of parsed) {
    const list = byFrom.get(r.from);
    if (list) list.push(r);
    else byFrom.set(r.from, [r]);
  }
  parsed.sort((a, b) => a.at - b.at);
  const invoice = /invoice (\d+) for week (\d+)/;
  let hits = 0;
  for (const r of parsed) {
    const m = invoice.exec(r.subject);
    if (m && Number(m[1]) > 500) hits++;
  }
  return hits + byFrom.size + parsed[0]!.id;
}

/**
 * A figure as the reference core would have measured it: a rate scales with the core's speed, a
 * time or a CPU cost inversely. Figures that do not depend on the CPU (quota units) are left alone.
 */
export function normalise(value: number, scales: 'rate' | 'time' | undefined, c: Calibration): number | undefined {
  if (!scales) return undefined;
  const v = scales === 'rate' ? value / c.speed : value * c.speed;
  return Math.round(v * 100) / 100;
}
