import type { Redis } from 'ioredis';
import { ProviderError, type CallGate } from '../providers/types.js';
import { acquireSlot, slotsKey } from './request-slots.js';

/** While this key lives, every job and call of the account waits (a provider throttled it). */
export const pauseKey = (prefix: string, accountId: string) => `${prefix}:pause:${accountId}`;

/**
 * The account's pause, checked before each provider call (see CallGate). Best effort: without
 * Redis the call goes ahead, and the job layer still pauses the account when it sees the 429.
 *
 * A sync or a send makes several calls in a row, and asking Redis before each was most of the
 * Redis traffic per message. So an answer "not paused" stands for RECHECK_MS in this process, and
 * a pause this process sets is known at once; one set by another process is seen within RECHECK_MS
 * (and every job still checks when it starts, workers/account-policy.ts).
 */
export function accountPauseGate(redis: Redis, prefix: string, accountId: string, clock: () => number = Date.now): CallGate {
  const key = pauseKey(prefix, accountId);
  let clearUntil = 0;
  let pausedUntil = 0;
  return {
    async before() {
      const now = clock();
      if (pausedUntil > now) throw paused(pausedUntil - now);
      if (clearUntil > now) return;
      const left = await redis.pttl(key).catch(() => 0);
      if (left > 0) {
        pausedUntil = now + left;
        throw paused(left);
      }
      clearUntil = now + RECHECK_MS;
    },
    async throttled(ms) {
      pausedUntil = clock() + Math.max(1, ms);
      clearUntil = 0;
      await redis.set(key, '1', 'PX', Math.max(1, ms)).catch(() => {});
    },
    slot: (limit) => acquireSlot(redis, slotsKey(prefix, accountId), limit),
  };
}

const RECHECK_MS = 1_000;

const paused = (ms: number) => new ProviderError('rate_limited', `the account is paused for ${ms} ms after a throttled call`, ms);
