import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { randomFaultsDrill } from '../../drills/google-faults.js';
import { table } from '../../drills/report.js';
import { SHORT } from '../../drills/run.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

/**
 * `npm run drill`'s 50% random 429/500/503 drill in its short form. Its own file: most of its
 * minute is spent waiting out Retry-After pauses, which the other worker can use.
 */
describe.skipIf(!hasRedis)('fault drill (short form): 50% random provider faults', () => {
  it('every message is answered exactly once, with no call inside a pause', { timeout: 180_000 }, async () => {
    const r = await randomFaultsDrill({ messages: SHORT.faultMessages, waitMs: SHORT.faultWaitMs });
    console.info(`\n${table([r])}`);
    expect(r.figures.duplicates, r.observed).toBe(0);
    expect(r.figures, r.observed).toMatchObject({ messages: SHORT.faultMessages, missing: 0, duplicates: 0, callsInsidePause: 0 });
    expect(r.held, r.observed).toBe(true);
  });
});
