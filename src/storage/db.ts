import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
// The dialect is small and needs no PGlite at load time; PGlite itself is imported on use.
import { PGliteDialect } from 'kysely-pglite-dialect';
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
    const { namingClient } = await import('./named-statements.js');
    const pool = new pg.Pool({ connectionString: opts.url, max: 10, connectionTimeoutMillis: 5_000, Client: namingClient(pg.Client) });
    // Keep an idle connection drop from crashing the process; queries will report it instead.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { ...handle(db, 'postgres'), url: opts.url };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  let client: PGlite;
  if (!opts.dataDir || opts.dataDir === 'memory') client = new PGlite();
  else {
    const dir = path.resolve(opts.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir);
  }
  await client.waitReady;
  return pgliteHandle(client);
}

/** A handle on a PGlite the caller made (tests start theirs from a migrated snapshot). */
export function pgliteHandle(client: PGlite): DatabaseHandle {
  return handle(new Kysely<Database>({ dialect: new PGliteDialect(client) }), 'pglite');
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
