import { createHash } from 'node:crypto';

/**
 * A fixed CPU workload, run in the same process as the figures it calibrates: SHA-256 over the same
 * 1 MiB buffer, 192 times. Its speed says how fast this core is, so figures from two machines can
 * be compared after normalising to a reference core (issue 19).
 */
const BUFFER = Buffer.alloc(1 << 20, 0x5a);
const ROUNDS = 192;

/** The reference core: one that hashes at this speed. Figures are reported as if measured on it. */
export const REFERENCE_MIB_PER_SECOND = 500;

export interface Calibration {
  /** SHA-256 throughput of this process's core, best of three runs. */
  mibPerSecond: number;
  /** How much faster than the reference core this one is (above 1: faster). */
  speed: number;
}

export function calibrate(): Calibration {
  let best = 0;
  for (let run = 0; run < 3; run++) {
    const start = process.hrtime.bigint();
    let digest = '';
    for (let i = 0; i < ROUNDS; i++) digest = createHash('sha256').update(BUFFER).update(digest).digest('hex');
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best = Math.max(best, ROUNDS / seconds);
  }
  const mibPerSecond = Math.round(best * 10) / 10;
  return { mibPerSecond, speed: Math.round((mibPerSecond / REFERENCE_MIB_PER_SECOND) * 1000) / 1000 };
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
