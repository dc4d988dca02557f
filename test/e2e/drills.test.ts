import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { expiredHistoryDrill, revocationDrill } from '../../drills/google-faults.js';
import { subscriptionRemovedDrill } from '../../drills/graph-subscription.js';
import { table, type DrillResult } from '../../drills/report.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

/**
 * `npm run drill`'s provider faults in their short form, one test per drill so a failure names
 * its drill. The 50% random-fault drill is in drill-random-faults.test.ts and the worker kills in
 * exactly-once.test.ts (200 messages, more than the short form's 100): separate files run side
 * by side on the two workers instead of one after another.
 */
describe.skipIf(!hasRedis)('fault drills (short form): provider faults', () => {
  const results: DrillResult[] = [];
  const run = async (drill: () => Promise<DrillResult>) => {
    const result = await drill();
    results.push(result);
    return result;
  };
  afterAll(() => {
    if (results.length) console.info(`\n${table(results)}`);
  });

  it('token revocation: needs-reconnect, nothing sent, no retry storm', { timeout: 120_000 }, async () => {
    const r = await run(revocationDrill);
    expect(r.figures, r.observed).toMatchObject({ status: 'needs-reconnect', repliesTotal: 3, requestsAfter: 0 });
    expect(r.held, r.observed).toBe(true);
  });

  it('expired history: new mail answered, backlog not', { timeout: 120_000 }, async () => {
    const r = await run(expiredHistoryDrill);
    expect(r.held, r.observed).toBe(true);
  });

  it('subscription removed: recreated, gap resynced, one reply each', { timeout: 120_000 }, async () => {
    const r = await run(subscriptionRemovedDrill);
    expect(r.figures, r.observed).toEqual({ recreated: 1, gapReplies: 1, newReplies: 1 });
    expect(r.held, r.observed).toBe(true);
  });
});
