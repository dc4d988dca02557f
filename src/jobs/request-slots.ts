import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisScript } from './redis.js';
import { ProviderError } from '../providers/types.js';

/** A slot is held this long at most: a process that dies mid-request frees it by expiry. */
const LEASE_MS = 30_000;
const POLL_MS = 20;
const MAX_WAIT_MS = 10_000;

// Leases live in a sorted set scored by expiry on Redis' own clock, so hosts' clocks don't matter.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0`;

export const slotsKey = (prefix: string, accountId: string) => `${prefix}:slots:${accountId}`;

const tryAcquire = redisScript<[key: string, limit: number, leaseMs: number, id: string]>('boundaryAcquireSlot', 1, ACQUIRE);

/**
 * One of `limit` concurrent request slots for an account (Graph allows 4 per mailbox), shared by
 * every job and worker process through Redis. Best effort like the pause: without Redis the call
 * goes ahead, and Graph's own 429 still pauses the account.
 */
export async function acquireSlot(redis: Redis, key: string, limit: number, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<() => Promise<void>> {
  const id = randomUUID();
  const release = async () => {
    await redis.zrem(key, id).catch(() => {});
  };
  for (let waited = 0; ; waited += POLL_MS) {
    let got: number;
    try {
      got = await tryAcquire(redis, key, limit, LEASE_MS, id);
    } catch {
      return async () => {};
    }
    if (got === 1) return release;
    if (waited >= MAX_WAIT_MS) throw new ProviderError('rate_limited', `${limit} requests to this mailbox were still in flight after ${MAX_WAIT_MS} ms`, 1_000);
    await sleep(POLL_MS);
  }
}
