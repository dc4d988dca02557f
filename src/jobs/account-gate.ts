import type { Redis } from 'ioredis';
import { ProviderError, type CallGate } from '../providers/types.js';
import { acquireSlot, slotsKey } from './request-slots.js';

/** While this key lives, every job and call of the account waits (a provider throttled it). */
export const pauseKey = (prefix: string, accountId: string) => `${prefix}:pause:${accountId}`;

/**
 * The account's pause, checked before each provider call (see CallGate). Best effort: without
 * Redis the call goes ahead, and the job layer still pauses the account when it sees the 429.
 */
export function accountPauseGate(redis: Redis, prefix: string, accountId: string): CallGate {
  const key = pauseKey(prefix, accountId);
  return {
    async before() {
      const left = await redis.pttl(key).catch(() => 0);
      if (left > 0) throw new ProviderError('rate_limited', `the account is paused for ${left} ms after a throttled call`, left);
    },
    async throttled(ms) {
      await redis.set(key, '1', 'PX', Math.max(1, ms)).catch(() => {});
    },
    slot: (limit) => acquireSlot(redis, slotsKey(prefix, accountId), limit),
  };
}

