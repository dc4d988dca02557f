import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { machine } from '../bench/machine.js';
import { postgresAvailable } from '../dev/support/postgres.js';
import { expiredHistoryDrill, randomFaultsDrill, revocationDrill } from './google-faults.js';
import { subscriptionRemovedDrill } from './graph-subscription.js';
import { table, type DrillResult } from './report.js';
import { workerKillDrill } from './worker-kills.js';

export interface DrillPlan {
  /** After-hours messages in the worker-kill drill (1,000 in full, about 100 in CI). */
  killMessages: number;
  /** Messages sent through 50% provider faults. */
  faultMessages: number;
  /** How long the random-fault drill waits for every reply: 60 rounds of the faults' 1 s Retry-After. */
  faultWaitMs: number;
  say?: (line: string) => void;
}

export const FULL: DrillPlan = { killMessages: 1_000, faultMessages: 20, faultWaitMs: 120_000 };
export const SHORT: DrillPlan = { killMessages: 100, faultMessages: 6, faultWaitMs: 60_000 };

/** Every drill in turn; one that throws is reported as failed, and the rest still run. */
export async function runDrills(plan: DrillPlan): Promise<DrillResult[]> {
  const say = plan.say ?? (() => {});
  const drills: Array<[string, () => Promise<DrillResult>]> = [
    ['worker kills', () => workerKillDrill({ messages: plan.killMessages, say })],
    ['random provider faults', () => randomFaultsDrill({ messages: plan.faultMessages, waitMs: plan.faultWaitMs })],
    ['token revocation', revocationDrill],
    ['expired history', expiredHistoryDrill],
    ['subscription removed', subscriptionRemovedDrill],
  ];
  const results: DrillResult[] = [];
  for (const [name, drill] of drills) {
    say(`drill: ${name}…`);
    const started = Date.now();
    try {
      results.push(await drill());
    } catch (err) {
      results.push({ drill: name, mustHold: 'the drill runs to the end', observed: `threw: ${(err as Error).message}`, held: false, figures: {} });
    }
    const last = results[results.length - 1]!;
    say(`  ${last.held ? 'PASS' : 'FAIL'} in ${Math.round((Date.now() - started) / 1000)} s: ${last.observed}`);
  }
  return results;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const plan = { ...(args.includes('--short') ? SHORT : FULL), say: (l: string) => process.stderr.write(`${l}\n`) };
  const at = args.indexOf('--messages');
  if (at >= 0) plan.killMessages = Number(args[at + 1]);
  if (!Number.isInteger(plan.killMessages) || plan.killMessages < 10) throw new Error('--messages must be an integer ≥ 10');
  if (!(await postgresAvailable())) {
    process.stderr.write('drill: the worker-kill drill needs PostgreSQL at 127.0.0.1:5432 (worker processes share one database); start it and run again.\n');
    process.exitCode = 2;
    return;
  }
  const results = await runDrills(plan);
  process.stdout.write(`\n${table(results)}\n`);
  const out = path.join(import.meta.dirname, '../bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'drills.json'), `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), plan: { killMessages: plan.killMessages, faultMessages: plan.faultMessages, faultWaitMs: plan.faultWaitMs }, results }, null, 2)}\n`);
  process.stdout.write(`\n${results.filter((r) => r.held).length}/${results.length} drills held; written to bench/results/drills.json\n`);
  process.exitCode = results.every((r) => r.held) ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await main();
  // Worker connections and timers may linger; the verdict is out, so end.
  process.exit(process.exitCode ?? 0);
}
