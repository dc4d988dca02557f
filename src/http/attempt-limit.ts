import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { QueueUnavailableError } from '../jobs/producer.js';
import { countInWindowLua, redisScript } from '../jobs/redis.js';

export interface AttemptRule {
  /** What is counted, in the message: "connection attempts". */
  what: string;
  max: number;
  windowMs: number;
}

export class TooManyAttemptsError extends Error {
  override readonly name = 'TooManyAttemptsError';
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/**
 * Fixed-window counters in Redis, shared by every API process. Each key is one party (a user, a
 * source address); an attempt counts against all of them, and the first one over its limit refuses.
 */
export async function countAttempt(redis: Redis, prefix: string, rule: AttemptRule, parties: Array<{ key: string; who: string }>): Promise<void> {
  // Uncounted attempts are refused (503, "try again shortly"), never let through or answered 500.
  if (redis.status !== 'ready') throw new QueueUnavailableError(`Redis is ${redis.status}; cannot count ${rule.what}`);
  for (const { key, who } of parties) {
    const ttl = await countInWindow(redis, attemptKey(prefix, key), rule.max, rule.windowMs);
    if (ttl > 0) throw tooMany(rule, who, ttl);
  }
}

/**
 * One attempt in a fixed window, as one script (a MULTI is five commands): 0 when within `max`,
 * else the window's remaining ms (at least 1).
 */
const countInWindow = redisScript<[key: string, max: number, windowMs: number]>(
  'boundaryCountAttempt',
  1,
  `${countInWindowLua(1, 1, 2)}return over`,
);

/** The Redis key of one party's counter; callers that count inside their own script use it too. */
export const attemptKey = (prefix: string, key: string) => `${prefix}:attempts:${key}`;

/** The refusal for a party over `rule`, whose window ends in `ttlMs`. */
export function tooMany(rule: AttemptRule, who: string, ttlMs: number): TooManyAttemptsError {
  const minutes = Math.max(1, Math.ceil(ttlMs / 60_000));
  return new TooManyAttemptsError(`Too many ${rule.what} ${who} (${rule.max} in ${windowWords(rule.windowMs)}). Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, Math.ceil(Math.max(ttlMs, 1_000) / 1000));
}

const windowWords = (ms: number): string => {
  const minutes = Math.round(ms / 60_000);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
};

/** The answer to an attempt over its limit: 429, when to come back, and why in words. */
export const refuseTooMany = (reply: FastifyReply, err: TooManyAttemptsError) =>
  reply.status(429).header('retry-after', String(err.retryAfterSeconds)).send({ error: 'rate_limited', message: err.message });
