import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** Runs `work` in one transaction: everything it writes through the handle it gets commits together or not at all. */
export const inTransaction = <T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> => db.transaction().execute(work);

export interface DatabaseHandle {
  db: Db;
  engine: 'postgres' | 'pglite';
  /** The connection string, for a real server (other processes can share it). */
  url?: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Real PostgreSQL when a URL is given, otherwise embedded PGlite in `dataDir` (or memory). Each
 * driver is imported only when it is used: a process needs one of them, never both.
 */
export async function openDatabase(opts: { url?: string; dataDir?: string | 'memory' }): Promise<DatabaseHandle> {
  if (opts.url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: opts.url, max: 10, connectionTimeoutMillis: 5_000 });
    // Keep an idle connection drop from crashing the process; queries will report it instead.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { ...handle(db, 'postgres'), url: opts.url };
  }
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')]);
  let client: InstanceType<typeof PGlite>;
  if (!opts.dataDir || opts.dataDir === 'memory') client = new PGlite();
  else {
    const dir = path.resolve(opts.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir);
  }
  await client.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return handle(db, 'pglite');
}

function handle(db: Db, engine: 'postgres' | 'pglite'): DatabaseHandle {
  return {
    db,
    engine,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
