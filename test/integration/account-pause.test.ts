import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountPausedFor, accountPauseGate, pauseAccount, pauseKey } from '../../src/jobs/account-gate.js';
import { ProviderError } from '../../src/providers/types.js';

/** A throttled mailbox pauses every call of that account, in this process and in others. */
describe('account pause gate', () => {
  let redis: Redis;
  const prefix = `{t${randomBytes(5).toString('hex')}}`;
  beforeAll(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    await redis.quit();
  });

  const refusal = async (p: Promise<void>) => p.then(() => null, (err: unknown) => err);

  it('refuses at once after its own throttle, and lets calls through again when the pause ends', async () => {
    let t = 1_000_000;
    const gate = accountPauseGate(redis, prefix, 'a1', () => t);
    await gate.before();
    await gate.throttled(5_000);
    expect(await redis.pttl(pauseKey(prefix, 'a1'))).toBeGreaterThan(0);
    const err = await refusal(gate.before());
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('rate_limited');
    expect((err as ProviderError).retryAfterMs).toBe(5_000);
    await redis.del(pauseKey(prefix, 'a1'));
    t += 5_001;
    await expect(gate.before()).resolves.toBeUndefined();
  });

  it('sees a pause set by another process within a second, not before asking Redis again', async () => {
    let t = 2_000_000;
    const gate = accountPauseGate(redis, prefix, 'a2', () => t);
    await gate.before(); // asks Redis: not paused
    await redis.set(pauseKey(prefix, 'a2'), '1', 'PX', 60_000); // another worker was throttled
    t += 500;
    await expect(gate.before()).resolves.toBeUndefined(); // the answer from 500 ms ago stands
    t += 600;
    const err = await refusal(gate.before());
    expect((err as ProviderError).kind).toBe('rate_limited');
    expect((err as ProviderError).retryAfterMs).toBeGreaterThan(50_000);
  });

  it('is one state per account for job starts and calls: a throttle seen by either stops both, at once', async () => {
    const t = 3_000_000;
    const gate = accountPauseGate(redis, prefix, 'a3', () => t);
    expect(await accountPausedFor(redis, prefix, 'a3', t)).toBe(0);
    await gate.throttled(2_000); // a call was throttled: the next job start waits without asking Redis
    expect(await accountPausedFor(redis, prefix, 'a3', t + 10)).toBe(1_990);
    await pauseAccount(redis, prefix, 'a4', 7_000, t); // a job saw the 429: the account's calls stop too
    expect((await refusal(accountPauseGate(redis, prefix, 'a4', () => t + 1).before()) as ProviderError).retryAfterMs).toBe(6_999);
    expect(await redis.pttl(pauseKey(prefix, 'a4'))).toBeGreaterThan(5_000);
  });
});
