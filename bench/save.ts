import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchResult } from './machine.js';

/** Each benchmark also writes its own figures to bench/results/<file>, beside the summary. */
export function saveResults(file: string, results: BenchResult[]): BenchResult[] {
  const dir = path.join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, file), `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
  return results;
}
