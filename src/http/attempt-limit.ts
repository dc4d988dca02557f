import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { QueueUnavailableError } from '../jobs/producer.js';

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
    const k = `${prefix}:attempts:${key}`;
    const res = await redis.multi().set(k, '0', 'PX', rule.windowMs, 'NX').incr(k).pttl(k).exec();
    const count = Number(res?.[1]?.[1] ?? 0);
    const ttl = Number(res?.[2]?.[1] ?? rule.windowMs);
    if (count > rule.max) {
      const minutes = Math.max(1, Math.ceil(ttl / 60_000));
      throw new TooManyAttemptsError(`Too many ${rule.what} ${who} (${rule.max} in ${windowWords(rule.windowMs)}). Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, Math.ceil(Math.max(ttl, 1_000) / 1000));
    }
  }
}

const windowWords = (ms: number): string => {
  const minutes = Math.round(ms / 60_000);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
};

/** The answer to an attempt over its limit: 429, when to come back, and why in words. */
export const refuseTooMany = (reply: FastifyReply, err: TooManyAttemptsError) =>
  reply.status(429).header('retry-after', String(err.retryAfterSeconds)).send({ error: 'rate_limited', message: err.message });
