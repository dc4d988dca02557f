import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../config/load.js';
import type { ProviderFactory } from '../../src/pipeline/context.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { redisReady } from '../../src/jobs/redis.js';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, pgliteHandle, type DatabaseHandle } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { migratedSnapshot } from './pglite-snapshot.js';
import { createTestDatabase } from './postgres.js';

export type Engine = 'pglite' | 'postgres';

/** The environment of a test service: fresh keys, its own queues, `env` on top. Child processes get it as is. */
export function testEnv(env: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SESSION_SECRET: randomBytes(32).toString('base64'),
    // Each test gets its own queues: a unique hash-tagged prefix.
    QUEUE_PREFIX: `{t${randomBytes(5).toString('hex')}}`,
    LOG_LEVEL: 'silent',
    DATA_DIR: '/nonexistent-test-data-dir',
    ...env,
  };
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig(testEnv(env));
}

/** A migrated database on the chosen engine; PGlite runs in memory, from a migrated snapshot. */
export async function testDatabase(engine: Engine = 'pglite'): Promise<DatabaseHandle> {
  if (engine === 'pglite') return pgliteHandle(await PGlite.create(await migratedSnapshot()));
  const { url, drop } = await createTestDatabase();
  const handle = await openDatabase({ url });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}

export async function testRuntime(opts: { engine?: Engine; env?: Record<string, string>; now?: () => Date; providers?: ProviderFactory } = {}): Promise<Runtime> {
  const database = await testDatabase(opts.engine);
  const config = testConfig(opts.env);
  const runtime = await createRuntime(config, { database, logger: pino({ level: config.logLevel }), now: opts.now, providers: opts.providers });
  // The producer connection fails fast while Redis is still connecting (no offline queue): a test's
  // first request must not race it on a busy machine.
  if (!(await redisReady(runtime.redis, 30_000))) throw new Error(`Redis was not ready within 30 s (status ${runtime.redis.status})`);
  return runtime;
}

