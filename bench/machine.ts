import os from 'node:os';

/** One benchmark figure, as written to bench/results/ and the Markdown table. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: string;
  /** The same figure for the naive approach, measured in the same run, when there is one. */
  naive?: number;
  method: string;
  machine: Machine;
  /** How the figure moves with CPU speed: a rate up, a time or CPU cost down; absent when it does not. */
  scales?: 'rate' | 'time';
  /** The figure as the reference core would measure it (bench/calibration.ts); set by bench/run.ts. */
  normalised?: number;
  /** The calibration run in the process that measured the figure. */
  calibration?: { mibPerSecond: number; jsRoundsPerSecond: number; speed: number };
}

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  loadAverage: number[];
}

/** Where a figure was measured; the load average says whether the machine was busy at the time. */
export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
