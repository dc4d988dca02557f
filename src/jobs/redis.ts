import { Redis } from 'ioredis';

/**
 * Producers (the HTTP side) fail fast when Redis is down instead of buffering commands forever;
 * workers wait for Redis to come back (BullMQ requires maxRetriesPerRequest: null for them).
 */
export function producerConnection(url: string): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  });
}

export function workerConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 5_000),
  });
}

/** Quietens ioredis' unhandled 'error' events; readiness is reported by /readyz instead. */
export function observe(redis: Redis, onError: (err: Error) => void): Redis {
  let last = '';
  redis.on('error', (err: Error) => {
    if (err.message !== last) onError(err);
    last = err.message;
  });
  redis.on('ready', () => {
    last = '';
  });
  return redis;
}

/**
 * Lua that counts one attempt in the fixed window at KEYS[key] (limit ARGV[max], length
 * ARGV[windowMs] ms) and sets the local `over` to the window's remaining ms when past the limit,
 * else 0. Shared by the attempt limiter and the push path, which counts inside its own script.
 */
export const countInWindowLua = (key: number, max: number, windowMs: number) => `redis.call("SET", KEYS[${key}], "0", "PX", ARGV[${windowMs}], "NX")
local over = 0
if redis.call("INCR", KEYS[${key}]) > tonumber(ARGV[${max}]) then over = math.max(redis.call("PTTL", KEYS[${key}]), 1) end
`;

/**
 * A Lua script as a function on `redis`: defined on the connection once (EVALSHA from then on,
 * with ioredis falling back to EVAL after a Redis restart empties its script cache).
 */
export function redisScript<A extends Array<string | number>>(name: string, numberOfKeys: number, lua: string) {
  return (redis: Redis, ...args: A): Promise<number> => {
    const r = redis as Redis & Record<string, ((...a: A) => Promise<number>) | undefined>;
    if (!r[name]) redis.defineCommand(name, { numberOfKeys, lua });
    return r[name]!(...args);
  };
}

/**
 * Resolves true once `redis` is ready, false after `ms` (or at once when `signal` aborts). A
 * producer connection has no offline queue, so a command sent before this fails instead of waiting.
 */
export function redisReady(redis: Redis, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      signal?.removeEventListener('abort', onAbort);
      resolve(ready);
    };
    const onReady = () => finish(true);
    const onAbort = () => finish(false);
    const timer = setTimeout(() => finish(redis.status === 'ready'), ms);
    redis.on('ready', onReady);
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) finish(false);
  });
}
