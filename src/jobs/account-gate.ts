import type { Redis } from 'ioredis';
import { ProviderError, type CallGate } from '../providers/types.js';
import { acquireSlot, slotsKey } from './request-slots.js';

/** While this key lives, every job and call of the account waits (a provider throttled it). */
export const pauseKey = (prefix: string, accountId: string) => `${prefix}:pause:${accountId}`;

/**
 * What this process knows of one account's pause. Asking Redis before every job and every
 * provider call was most of the Redis traffic a message caused that BullMQ itself does not, so an
 * answer "not paused" stands for RECHECK_MS in this process, and a pause this process sets is
 * known at once; one set by another process is seen within RECHECK_MS.
 */
interface PauseState {
  clearUntil: number;
  pausedUntil: number;
}

const RECHECK_MS = 1_000;
// Per Redis client, one small entry per account this process has served (a worker serves a
// bounded set of accounts).
const known = new WeakMap<Redis, Map<string, PauseState>>();

function stateOf(redis: Redis, key: string): PauseState {
  let byKey = known.get(redis);
  if (!byKey) known.set(redis, (byKey = new Map()));
  let state = byKey.get(key);
  if (!state) byKey.set(key, (state = { clearUntil: 0, pausedUntil: 0 }));
  return state;
}

/**
 * How many ms the account is still paused for, 0 when it is not. Best effort: without Redis the
 * answer is 0, and the job layer still pauses the account when it sees the provider's 429.
 */
export async function accountPausedFor(redis: Redis, prefix: string, accountId: string, now: number = Date.now()): Promise<number> {
  const key = pauseKey(prefix, accountId);
  const state = stateOf(redis, key);
  if (state.pausedUntil > now) return state.pausedUntil - now;
  if (state.clearUntil > now) return 0;
  const left = await redis.pttl(key).catch(() => 0);
  if (left > 0) {
    state.pausedUntil = now + left;
    return left;
  }
  state.clearUntil = now + RECHECK_MS;
  return 0;
}

/** Pauses every job and call of the account for `ms`, here at once and in other processes through Redis. */
export async function pauseAccount(redis: Redis, prefix: string, accountId: string, ms: number, now: number = Date.now()): Promise<void> {
  const key = pauseKey(prefix, accountId);
  const state = stateOf(redis, key);
  state.pausedUntil = now + Math.max(1, ms);
  state.clearUntil = 0;
  await redis.set(key, '1', 'PX', Math.max(1, ms));
}

/** The account's pause, checked before each provider call (see CallGate); every job checks it when it starts too (workers/account-policy.ts). */
export function accountPauseGate(redis: Redis, prefix: string, accountId: string, clock: () => number = Date.now): CallGate {
  return {
    async before() {
      const left = await accountPausedFor(redis, prefix, accountId, clock());
      if (left > 0) throw paused(left);
    },
    async throttled(ms) {
      await pauseAccount(redis, prefix, accountId, ms, clock()).catch(() => {});
    },
    slot: (limit) => acquireSlot(redis, slotsKey(prefix, accountId), limit),
  };
}

const paused = (ms: number) => new ProviderError('rate_limited', `the account is paused for ${ms} ms after a throttled call`, ms);
