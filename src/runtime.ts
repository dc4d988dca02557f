import type { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import type { Config } from '../config/load.js';
import { createTokenCipher, type TokenCipher } from './auth/token-cipher.js';
import { loggerOptions } from './logger.js';
import { JobProducer } from './jobs/producer.js';
import { observe, producerConnection } from './jobs/redis.js';
import { openDatabase, type DatabaseHandle } from './storage/db.js';
import { migrateToLatest } from './storage/migrate.js';
import { createMetrics, type Metrics } from './metrics/registry.js';
import { registerScrapeGauges } from './metrics/scrape.js';
import type { PipelineContext, ProviderFactory } from './pipeline/context.js';
import { createProviderFactory } from './pipeline/providers.js';
import { accountPauseGate } from './jobs/account-gate.js';

/** Everything long-lived that both the API and the workers share. Built once by a composition root. */
export interface Runtime {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  redis: Redis;
  producer: JobProducer;
  cipher: TokenCipher;
  pipeline: PipelineContext;
  /** This process's Prometheus registry (not prom-client's global one). */
  metrics: Metrics;
  now: () => Date;
  close(): Promise<void>;
}

export async function createRuntime(
  config: Config,
  opts: { logger?: Logger; now?: () => Date; database?: DatabaseHandle; providers?: ProviderFactory } = {},
): Promise<Runtime> {
  const logger = opts.logger ?? pino(loggerOptions(config.logLevel));
  const database = opts.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ applied, engine: database.engine }, 'database migrated');
  } catch (err) {
    await database.close();
    throw err;
  }
  const redis = observe(producerConnection(config.redisUrl), (err) => logger.warn({ err: err.message }, 'redis connection problem'));
  const producer = new JobProducer(redis, config.queuePrefix, () => {});
  const now = opts.now ?? (() => new Date());
  const cipher = createTokenCipher(config.tokenKeys.current, config.tokenKeys.old);
  const gate = (accountId: string) => accountPauseGate(redis, config.queuePrefix, accountId);
  const providers = opts.providers ?? createProviderFactory({ config, cipher, db: database.db, now, gate });
  const metrics = createMetrics();
  registerScrapeGauges(metrics, { db: database.db, producer, now });
  return {
    config,
    logger,
    database,
    redis,
    producer,
    cipher,
    pipeline: { db: database.db, producer, redis, providers, cipher, logger, now, metrics },
    metrics,
    now,
    async close() {
      await producer.close().catch(() => {});
      redis.disconnect();
      await database.close();
    },
  };
}
