import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { TokenCipher } from '../auth/token-cipher.js';
import type { JobProducer } from '../jobs/producer.js';
import type { ConnectedProvider } from '../providers/registry.js';
import type { AccountRow } from '../storage/accounts.js';
import type { Db } from '../storage/db.js';
import type { Metrics } from '../metrics/registry.js';

export type { ConnectedProvider } from '../providers/registry.js';

/** Builds a provider client for a stored account (decrypting its tokens, injecting base URLs). */
export type ProviderFactory = (account: AccountRow) => Promise<ConnectedProvider>;

/** What the pipeline's use cases need; built once by a composition root. */
export interface PipelineContext {
  db: Db;
  producer: JobProducer;
  redis: Redis;
  providers: ProviderFactory;
  cipher: TokenCipher;
  logger: Logger;
  now: () => Date;
  /** Counters for /metrics; absent in one-off tools, which then count nothing. */
  metrics?: Metrics;
}
