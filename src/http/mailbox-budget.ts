import type { Redis } from 'ioredis';
import { redisScript } from '../jobs/redis.js';

/** INCR a window's counter and give it a lifetime on first use: one round trip per push. */
const spend = redisScript<[key: string, ttlMs: number]>(
  'boundaryMailboxBudget',
  1,
  'local n = redis.call("INCR", KEYS[1]) if n == 1 then redis.call("PEXPIRE", KEYS[1], ARGV[1]) end return n',
);

/**
 * Push notifications a single mailbox may cause per minute, across every source address. Pushes
 * over the budget are answered 429 with Retry-After: Pub/Sub redelivers and Graph retries for
 * hours, and a sync is already pending for a mailbox that busy, so nothing is lost.
 */
export class MailboxBudget {
  constructor(
    private readonly redis: Redis,
    private readonly namespace: string,
    private readonly perMinute: number,
  ) {}

  /** Seconds to wait when `accountId` is over budget at `now` (epoch ms), or null when it is not. */
  async overBy(accountId: string, now: number): Promise<number | null> {
    const window = Math.floor(now / 60_000);
    // Redis down: let the push through to the enqueue, which answers 503 in its own words.
    const used = await spend(this.redis, `${this.namespace}:rate:mailbox:${accountId}:${window}`, 60_000).catch(() => 0);
    return used > this.perMinute ? Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000)) : null;
  }
}
