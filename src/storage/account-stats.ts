import { sql } from 'kysely';
import type { Db } from './db.js';
import type { AccountStatus } from './schema.js';

export interface AccountSyncStats {
  byStatus: Partial<Record<AccountStatus, number>>;
  /** Seconds since the least recently synced reachable account last synced (0 with none). */
  maxLagSeconds: number;
  /** Reachable accounts that have not completed a sync since connecting. */
  neverSynced: number;
}

/**
 * One aggregate over all accounts, for the metrics scrape. Accounts that need reconnecting are
 * left out of the lag: they are expected to fall behind, and are counted by status instead.
 */
export async function accountSyncStats(db: Db, now: Date): Promise<AccountSyncStats> {
  const rows = await db
    .selectFrom('accounts')
    .select((eb) => [
      'status',
      eb.fn.countAll<string>().as('n'),
      eb.fn.min('last_synced_at').as('oldest'),
      sql<string>`count(*) filter (where last_synced_at is null)`.as('never'),
    ])
    .groupBy('status')
    .execute();
  const stats: AccountSyncStats = { byStatus: {}, maxLagSeconds: 0, neverSynced: 0 };
  for (const row of rows) {
    stats.byStatus[row.status] = Number(row.n);
    if (row.status === 'needs-reconnect') continue;
    stats.neverSynced += Number(row.never);
    if (row.oldest) stats.maxLagSeconds = Math.max(stats.maxLagSeconds, (now.getTime() - new Date(row.oldest).getTime()) / 1000);
  }
  return stats;
}
