import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../config/load.js';
import type { ProviderFactory } from '../../src/pipeline/context.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { openDatabase, pgliteHandle, type DatabaseHandle } from '../../src/storage/db.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { createTestDatabase } from './postgres.js';

export type Engine = 'pglite' | 'postgres';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SESSION_SECRET: randomBytes(32).toString('base64'),
    // Each test gets its own queues: a unique hash-tagged prefix.
    QUEUE_PREFIX: `{t${randomBytes(5).toString('hex')}}`,
    LOG_LEVEL: 'silent',
    DATA_DIR: '/nonexistent-test-data-dir',
    ...env,
  });
}

let pgliteSnapshot: Promise<PGliteOptions> | undefined;

/**
 * A fresh PGlite costs a WebAssembly compile and an initdb: 2-3 s alone, 30 s and more on a
 * loaded 2-core machine, which made single tests slow. So each test process compiles the module
 * once, migrates one database once, and starts every test database from that snapshot.
 */
function migratedSnapshot(): Promise<PGliteOptions> {
  pgliteSnapshot ??= (async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    // The global exists in Node; this project's TypeScript libs only declare its types.
    const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;
    const pgliteWasmModule = await wasm.compile(readFileSync(path.join(dist, 'pglite.wasm')));
    const fsBundle = new Blob([readFileSync(path.join(dist, 'pglite.data'))]);
    const client = await PGlite.create({ pgliteWasmModule, fsBundle });
    const seed = pgliteHandle(client);
    await migrateToLatest(seed.db);
    const loadDataDir = await client.dumpDataDir('none');
    await seed.close();
    return { pgliteWasmModule, fsBundle, loadDataDir };
  })();
  return pgliteSnapshot;
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
  return createRuntime(config, { database, logger: pino({ level: config.logLevel }), now: opts.now, providers: opts.providers });
}
