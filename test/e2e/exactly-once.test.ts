import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { workerKillDrill } from '../../drills/worker-kills.js';
import { postgresAvailable } from '../../dev/support/postgres.js';

const MESSAGES = 200;
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const hasPostgres = await postgresAvailable();
if (!hasPostgres) console.warn('exactly-once drill skipped: worker processes need a shared PostgreSQL at 127.0.0.1:5432');

/**
 * Invariant 1 under fire: two worker processes, SIGKILLed at random while 200 after-hours
 * messages are handled, duplicate push notifications, and one Redis restart. Every message must
 * get exactly one reply: 0 duplicates, 0 missing. The scenario itself is the worker-kill drill, and
 * CI's short form of it (200 messages, twice those of `npm run drill -- --short`).
 */
describe.skipIf(!hasRedis || !hasPostgres)('exactly one reply per message, with workers killed at random', () => {
  it('sends 200 replies, no more and no fewer', { timeout: 240_000 }, async () => {
    const result = await workerKillDrill({ messages: MESSAGES });
    console.info(`exactly-once drill: ${result.observed}`);
    expect(result.figures).toMatchObject({ replies: MESSAGES, duplicates: 0, missing: 0 });
  });
});
