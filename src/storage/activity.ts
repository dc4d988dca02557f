import { sql } from 'kysely';
import type { Db } from './db.js';

export interface ActivityEntry {
  userId: string;
  accountId?: string | null;
  clientId?: string | null;
  kind: string;
  summary: string;
  reasons?: Array<{ code: string; message: string }>;
  ref?: string | null;
  at: Date;
}

/** An entry as its table row (JSON columns as text). */
export const activityRow = (e: ActivityEntry) => ({
  user_id: e.userId,
  account_id: e.accountId ?? null,
  client_id: e.clientId ?? null,
  kind: e.kind,
  summary: e.summary,
  reasons: JSON.stringify(e.reasons ?? []),
  ref: e.ref ?? null,
  at: e.at,
});

export async function logActivity(db: Db, e: ActivityEntry): Promise<void> {
  await db.insertInto('activity').values(activityRow(e)).execute();
}

/**
 * For a statement that writes several tables at once: a CTE inserting `entries` once for each row
 * of `source` (a CTE of the same statement), so the lines are written only when that row was.
 */
export function activityFor(source: string, entries: ActivityEntry[]) {
  const rows = entries.map((e) => ({ ...activityRow(e), reasons: e.reasons ?? [], at: e.at.toISOString() }));
  return sql`insert into activity (user_id, account_id, client_id, kind, summary, reasons, ref, at)
    select x.user_id, x.account_id, x.client_id, x.kind, x.summary, x.reasons, x.ref, x.at from ${sql.table(source)},
      jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(user_id text, account_id text, client_id text, kind text, summary text, reasons jsonb, ref text, at timestamptz)`;
}

export interface ActivityQuery {
  clientId?: string;
  kind?: string;
  ref?: string;
  from?: Date;
  to?: Date;
  /** Keyset paging: the id of the last entry of the previous page. */
  before?: string;
  limit: number;
}

export async function listActivity(db: Db, userId: string, q: ActivityQuery) {
  let query = db.selectFrom('activity').selectAll().where('user_id', '=', userId);
  if (q.clientId) query = query.where('client_id', '=', q.clientId);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.ref) query = query.where('ref', '=', q.ref);
  if (q.from) query = query.where('at', '>=', q.from);
  if (q.to) query = query.where('at', '<', q.to);
  if (q.before) query = query.where(sql<boolean>`id < ${q.before}::bigint`);
  const rows = await query.orderBy('id', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  return { entries: page, next: rows.length > q.limit ? page[page.length - 1]!.id : null };
}
