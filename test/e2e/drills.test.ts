import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runDrills, SHORT } from '../../drills/run.js';
import { table, type DrillResult } from '../../drills/report.js';
import { postgresAvailable } from '../../dev/support/postgres.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const hasPostgres = await postgresAvailable();
if (!hasPostgres) console.warn('fault drills skipped: the worker-kill drill needs a shared PostgreSQL at 127.0.0.1:5432');

/** `npm run drill` in its short form: 100 messages through worker kills, then every provider fault. */
describe.skipIf(!hasRedis || !hasPostgres)('fault drills (short form)', () => {
  let results: DrillResult[] = [];
  const find = (prefix: string) => results.find((r) => r.drill.startsWith(prefix));
  afterAll(() => {
    if (results.length) console.info(`\n${table(results)}`);
  });

  it('runs every drill', { timeout: 300_000 }, async () => {
    results = await runDrills(SHORT);
    expect(results.map((r) => r.observed).filter((o) => o.startsWith('threw'))).toEqual([]);
  });

  it('worker kills: exactly one reply per message', () => {
    expect(find('Worker kills')?.figures).toMatchObject({ replies: SHORT.killMessages, duplicates: 0, missing: 0 });
  });

  it('token revocation: needs-reconnect, nothing sent, no retry storm', () => {
    expect(find('Provider faults: token revoked')?.figures).toMatchObject({ status: 'needs-reconnect', repliesTotal: 3, requestsAfter: 0 });
  });

  it('expired history: new mail answered, backlog not', () => {
    expect(find('Provider faults: expired history')?.held).toBe(true);
  });

  it('subscription removed: recreated, gap resynced, one reply each', () => {
    expect(find('Provider faults: subscription removed')?.figures).toEqual({ recreated: 1, gapReplies: 1, newReplies: 1 });
  });

  it('50% random faults: never a duplicate reply', () => {
    expect(find('Provider faults: 50% random')?.figures.duplicates).toBe(0);
  });

  it('50% random faults: every message is answered exactly once, with no call inside a pause', () => {
    expect(find('Provider faults: 50% random')?.figures).toMatchObject({ messages: SHORT.faultMessages, missing: 0, duplicates: 0, callsInsidePause: 0 });
    expect(find('Provider faults: 50% random')?.held).toBe(true);
  });
});
