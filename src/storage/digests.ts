import { sql, type Selectable } from 'kysely';
import type { Db } from './db.js';
import type { DigestsTable } from './schema.js';

export type DigestRow = Selectable<DigestsTable>;

export interface NewDigest {
  userId: string;
  date: string;
  since: Date;
  model: object;
  text: string;
  html: string;
  subject: string;
  messageId: string;
  at: Date;
}

/**
 * Stores the digest for (user, date) unless one exists. Of two concurrent builds exactly one row
 * wins; both callers get that row back, so everything after (sending) works on the same digest.
 */
export async function saveDigest(db: Db, d: NewDigest): Promise<{ row: DigestRow; created: boolean }> {
  const inserted = await db
    .insertInto('digests')
    .values({ user_id: d.userId, date: d.date, since: d.since, model: JSON.stringify(d.model), text: d.text, html: d.html, subject: d.subject, message_id: d.messageId, created_at: d.at })
    .onConflict((oc) => oc.columns(['user_id', 'date']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  return { row: (await getDigest(db, d.userId, d.date))!, created: false };
}

/** Ownership is part of the query: another user's digest is simply not found. */
export const getDigest = (db: Db, userId: string, date: string) =>
  db.selectFrom('digests').selectAll().where('user_id', '=', userId).where('date', '=', date).executeTakeFirst();

/** The latest digest before `date`: where the next one's period starts. */
export const previousDigest = (db: Db, userId: string, date: string) =>
  db.selectFrom('digests').select(['date', 'created_at']).where('user_id', '=', userId).where('date', '<', date).orderBy('date', 'desc').limit(1).executeTakeFirst();

/** Newest first; keyset paging by date. */
export async function listDigests(db: Db, userId: string, q: { before?: string; limit: number }) {
  let query = db.selectFrom('digests').select(['date', 'subject', 'created_at', 'sent_at', sql<boolean>`(model->>'empty')::boolean`.as('empty')]).where('user_id', '=', userId);
  if (q.before) query = query.where('date', '<', q.before);
  const rows = await query.orderBy('date', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  return { digests: page, next: rows.length > q.limit ? page[page.length - 1]!.date : null };
}

/**
 * Compare-and-set on send_started_at: only the caller that saw `previous` may start sending, so
 * two workers never both send. A claim older than `staleBefore` (a crashed sender) may be taken over.
 */
export async function claimSend(db: Db, id: string, previous: Date | null, now: Date, staleBefore: Date): Promise<boolean> {
  let q = db.updateTable('digests').set({ send_started_at: now }).where('id', '=', id).where('sent_at', 'is', null);
  q = previous === null ? q.where('send_started_at', 'is', null) : q.where('send_started_at', '=', previous).where('send_started_at', '<', staleBefore);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Gives up a claim taken at `claimedAt`, back-dated to `to`, so a retry may take it at once. */
export async function releaseClaim(db: Db, id: string, claimedAt: Date, to: Date): Promise<void> {
  await db.updateTable('digests').set({ send_started_at: to }).where('id', '=', id).where('send_started_at', '=', claimedAt).execute();
}

/** True for the one caller that recorded the send; false when another already had. */
export async function markDigestSent(db: Db, id: string, at: Date, via: string): Promise<boolean> {
  const res = await db.updateTable('digests').set({ sent_at: at, sent_via: via }).where('id', '=', id).where('sent_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Every user, for scheduling at worker start and the hourly catch-up scan. */
// ---- What a digest reads (one user, one period) ----

export async function inboundDecisions(db: Db, userId: string, since: Date, until: Date) {
  const rows = await db
    .selectFrom('decisions')
    .innerJoin('accounts', 'accounts.id', 'decisions.account_id')
    .leftJoin('replies', 'replies.decision_id', 'decisions.id')
    .select([
      'decisions.received_at', 'decisions.sender', 'decisions.action', 'decisions.category', 'decisions.reasons',
      sql<string | null>`decisions.meta->>'subject'`.as('subject'),
      sql<string | null>`decisions.meta->'from'->>'name'`.as('sender_name'),
      sql<string | null>`coalesce(decisions.meta->>'messageId', decisions.provider_message_id)`.as('ref'),
      'replies.state', 'replies.sent_at', 'replies.error',
    ])
    .where('accounts.user_id', '=', userId)
    .where('decisions.received_at', '>=', since)
    .where('decisions.received_at', '<', until)
    .where('decisions.category', '!=', 'within-hours')
    .orderBy('decisions.received_at')
    .execute();
  const cancelled = await db.selectFrom('activity').select(['ref', 'summary']).where('user_id', '=', userId).where('kind', '=', 'reply.cancelled').where('at', '>=', since).execute();
  const why = new Map(cancelled.map((c) => [c.ref, c.summary]));
  return rows.map((r) => ({ ...r, cancelled_because: r.ref ? (why.get(r.ref) ?? null) : null }));
}

export const invitationsSince = (db: Db, userId: string, since: Date) =>
  db
    .selectFrom('invitations')
    .innerJoin('accounts', 'accounts.id', 'invitations.account_id')
    .select(['invitations.data', 'invitations.decision', 'invitations.answer', 'invitations.answered_at'])
    .where('accounts.user_id', '=', userId)
    .where('invitations.decision', 'is not', null)
    .where((eb) => eb.or([eb('invitations.updated_at', '>=', since), eb('invitations.answered_at', '>=', since)]))
    .execute();

/** Mail the user wrote (not Boundary's own replies, not automated). */
export const sentByUser = (db: Db, userId: string, since: Date, until: Date) =>
  db
    .selectFrom('messages')
    .innerJoin('accounts', 'accounts.id', 'messages.account_id')
    .select(['messages.received_at', 'messages.recipients', 'messages.subject'])
    .where('accounts.user_id', '=', userId)
    .where('messages.direction', '=', 'out')
    .where('messages.automated', '=', false)
    .where('messages.received_at', '>=', since)
    .where('messages.received_at', '<', until)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('replies').select('replies.id').whereRef('replies.account_id', '=', 'messages.account_id').whereRef('replies.message_id', '=', 'messages.message_id'))),
    )
    .execute();

export async function accountsWithFailures(db: Db, userId: string, since: Date) {
  const [accounts, failures] = await Promise.all([
    db
      .selectFrom('accounts')
      .select(['id', 'address', 'provider', 'status', 'status_reason', 'sending', 'last_synced_at', sql<string | null>`watch->>'expiresAt'`.as('watch_expires_at'), sql<string | null>`calendar_watch->>'expiresAt'`.as('calendar_watch_expires_at')])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('activity').select(['account_id', 'summary']).where('user_id', '=', userId).where('kind', '=', 'error').where('at', '>=', since).orderBy('at', 'desc').execute(),
  ]);
  return accounts.map((a) => ({ ...a, failures: failures.filter((f) => f.account_id === a.id).map((f) => f.summary) }));
}
