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
