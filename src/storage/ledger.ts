import { sql, type ExpressionBuilder, type QueryCreator, type Selectable } from 'kysely';
import { activityFor, type ActivityEntry } from './activity.js';
import type { MessageMeta } from '../domain/message.js';
import type { HistoryMessage, Signal } from '../domain/signals/types.js';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { correspondenceQuery } from './signals.js';
import { prepared, runFixed } from './prepared.js';
import type { SendStep } from '../providers/types.js';
import type { Db } from './db.js';
import type { Database, RepliesTable, ReplyState } from './schema.js';

export type ReplyRow = Selectable<RepliesTable>;

/** A message as the ledger keeps it: the minimal metadata later features need (silence, digest); never bodies. */
export function messageRow(accountId: string, m: MessageMeta, direction: 'in' | 'out', clientId: string | null, automated: boolean, signals: Signal[] = []) {
  return {
    account_id: accountId,
    provider_message_id: m.providerMessageId,
    thread_id: m.threadId,
    message_id: m.messageId,
    direction,
    from_address: m.from?.address ?? null,
    recipients: JSON.stringify([...m.to, ...m.cc].map((a) => a.address)),
    client_id: clientId,
    subject: m.subject.slice(0, 500),
    received_at: m.receivedAt,
    automated,
    signals: JSON.stringify(signals),
  };
}

/**
 * For a statement that writes several tables at once: a messageRow as an insert that keeps an
 * existing row, written only when `source` (a CTE of the same statement) has a row, if given.
 */
export function insertMessageRow(row: ReturnType<typeof messageRow>, source?: string) {
  return sql`insert into messages (account_id, provider_message_id, thread_id, message_id, direction, from_address, recipients, client_id, subject, received_at, automated, signals)
    select ${row.account_id}, ${row.provider_message_id}, ${row.thread_id}, ${row.message_id}, ${row.direction}, ${row.from_address}, ${row.recipients}::jsonb, ${row.client_id}, ${row.subject}, ${row.received_at}::timestamptz, ${row.automated}, ${row.signals}::jsonb
    ${source ? sql`from ${sql.table(source)}` : sql``}
    on conflict (account_id, provider_message_id) do nothing`;
}

export async function recordMessage(db: Db, accountId: string, m: MessageMeta, direction: 'in' | 'out', clientId: string | null, automated: boolean, signals: Signal[] = []): Promise<void> {
  await db
    .insertInto('messages')
    .values(messageRow(accountId, m, direction, clientId, automated, signals))
    .onConflict((oc) => oc.columns(['account_id', 'provider_message_id']).doNothing())
    .execute();
}

/** The decisions already made on these messages, by provider id; `reacted_at` null means a crash cut their reactions short. */
export async function earlierDecisions(db: Db, accountId: string, providerMessageIds: string[]) {
  if (providerMessageIds.length === 0) return new Map<string, never>();
  return new Map((await earlierDecisionsQuery(db, accountId, providerMessageIds)).map((r) => [r.provider_message_id, r]));
}

const earlierDecisionsQuery = prepared((db: Db, accountId: string, providerMessageIds: string[]) =>
  db.selectFrom('decisions').select(['provider_message_id', 'action', 'category', 'reasons', 'reacted_at']).where('account_id', '=', accountId).where(sql<boolean>`provider_message_id = any(${providerMessageIds})`));

export async function markReacted(db: Db, accountId: string, providerMessageIds: string[], at: Date): Promise<void> {
  if (providerMessageIds.length > 0) await markReactedQuery(db, accountId, providerMessageIds, at);
}

/** The update itself, also a step of finishMailPass's statement. */
const reactedUpdate = (db: QueryCreator<Database>, accountId: string, providerMessageIds: string[], at: Date) =>
  db.updateTable('decisions').set({ reacted_at: at }).where('account_id', '=', accountId).where(sql<boolean>`provider_message_id = any(${providerMessageIds})`);

const markReactedQuery = prepared(reactedUpdate);

export interface ReplyHistory {
  lastReplyToSenderAt?: string;
  lastReplyInThreadAt?: string;
}

/**
 * What deciding one inbound message reads from the ledger, in one round trip (every inbound
 * message asks): the latest automatic replies to whoever a reply would go to and in its thread,
 * and, for human mail, the earlier mail with its sender (`correspondent`, for the signals).
 *
 * Replies that count against the window: queued or sent, not cancelled or failed. A preview
 * ("would have replied") counts only while the account is still in preview: once sending is on,
 * a client who never actually received anything gets a real reply.
 */
export async function decisionHistory(
  db: Db,
  accountId: string,
  q: { replyTo: string | null; threadId: string; inPreview: boolean; correspondent?: { address: string; before: string } },
): Promise<{ replies: ReplyHistory; correspondence: HistoryMessage[] }> {
  const counting = q.inPreview ? COUNTING_IN_PREVIEW : COUNTING;
  const [row] = q.correspondent
    ? await historyWithMail(db, accountId, q.replyTo, q.threadId, counting, q.correspondent.address, new Date(q.correspondent.before))
    : await historyOfReplies(db, accountId, q.replyTo, q.threadId, counting);
  if (!row) throw new Error('the history query answered no row');
  const iso = (v: unknown) => (v === null || v === undefined ? undefined : new Date(v as string | Date).toISOString());
  const toSender = iso(row.to_sender);
  const inThread = iso(row.in_thread);
  return {
    replies: { ...(toSender ? { lastReplyToSenderAt: toSender } : {}), ...(inThread ? { lastReplyInThreadAt: inThread } : {}) },
    correspondence: ('correspondence' in row ? (row.correspondence as HistoryMessage[] | null) : null) ?? [],
  };
}

const COUNTING: ReplyState[] = ['queued', 'sending', 'sent'];
const COUNTING_IN_PREVIEW: ReplyState[] = [...COUNTING, 'preview'];

/** The latest reply in `states` whose `column` is `value` (null, to a sender with no address: none). */
const latestReply = (eb: ExpressionBuilder<Database, never>, accountId: string, column: 'recipient' | 'thread_id', value: string | null, states: ReplyState[]) =>
  eb.selectFrom('replies').select((e) => e.fn.max('created_at').as('at')).where('account_id', '=', accountId).where(column, '=', value as string).where(sql<boolean>`state = any(${states})`);

/** The latest reply to whoever a reply would go to, and in the thread. */
const latestReplies = (eb: ExpressionBuilder<Database, never>, accountId: string, replyTo: string | null, threadId: string, states: ReplyState[]) =>
  [latestReply(eb, accountId, 'recipient', replyTo, states).as('to_sender'), latestReply(eb, accountId, 'thread_id', threadId, states).as('in_thread')] as const;

const historyOfReplies = prepared((db: Db, accountId: string, replyTo: string | null, threadId: string, states: ReplyState[]) =>
  db.selectNoFrom((eb) => latestReplies(eb, accountId, replyTo, threadId, states)));

const historyWithMail = prepared((db: Db, accountId: string, replyTo: string | null, threadId: string, states: ReplyState[], correspondent: string, before: Date) =>
  db.selectNoFrom((eb) => [...latestReplies(eb, accountId, replyTo, threadId, states), jsonArrayFrom(correspondenceQuery(eb, accountId, correspondent, before)).as('correspondence')]));

export const getReply = (db: Db, id: string) => db.selectFrom('replies').selectAll().where('id', '=', id).executeTakeFirst();

/** A reply with what its send needs from the decision (the message it answers, the client), in one read. */
export const replyToSend = async (db: Db, id: string) => (await replyToSendQuery(db, id))[0];

const replyToSendQuery = prepared((db: Db, id: string) =>
  db.selectFrom('replies').innerJoin('decisions', 'decisions.id', 'replies.decision_id').selectAll('replies')
    .select(['decisions.meta as original', 'decisions.client_id as client_id']).where('replies.id', '=', id));

/** Moves a reply between states only from the ones expected, so two workers can't both win. */
export async function transitionReply(db: Db, id: string, from: ReplyState[], to: ReplyState, patch: { error?: string | null; sentAt?: Date; checkedAt?: Date } = {}): Promise<boolean> {
  const res = await db
    .updateTable('replies')
    .set({ state: to, ...(patch.error !== undefined ? { error: patch.error } : {}), ...(patch.sentAt ? { sent_at: patch.sentAt } : {}), ...(patch.checkedAt ? { checked_at: patch.checkedAt } : {}) })
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * A reply that went out: `sending` → `sent` and its Activity line, as one statement (one round
 * trip on every send). False, and no line, when the reply had left `sending` already.
 */
export async function recordSent(db: Db, id: string, sentAt: Date, line: ActivityEntry, copy?: ReturnType<typeof messageRow>): Promise<boolean> {
  // The sent copy, when the provider named it: the same row a later read of sent mail would write.
  const copyCte = copy ? sql`, m as (${insertMessageRow(copy, 'u')})` : sql``;
  const rows = await runFixed(db, sql<{ id: string }>`
    with u as (update replies set state = 'sent', error = null, sent_at = ${sentAt} where id = ${id} and state = 'sending' returning id),
    a as (${activityFor('u', [line])})${copyCte}
    select id::text from u`);
  return rows.length > 0;
}

/** Durable progress of a send, written before the provider moves on to its next outside step. */
export async function recordSendStep(db: Db, id: string, step: SendStep | null): Promise<void> {
  await db.updateTable('replies').set({ send_step: step }).where('id', '=', id).execute();
}

/**
 * The last step before a reply goes out, in one statement: what may still stop it is checked, and
 * when nothing does it moves `queued` → `sending` (with when the sent mail was read, if it was).
 * - `userAnswered`: the user wrote in the thread after the message it answers;
 * - `otherReply`: another reply to the same recipient went out, is going out, or is queued ahead
 *   of this one since `windowSince` (of two queued replies to one sender, only the older passes);
 * - `started`: false when a check stopped it or the reply had left `queued` (another worker).
 */
export async function startSending(db: Db, reply: ReplyRow, o: { answeredSince: Date; windowSince: Date; checkedAt?: Date }): Promise<{ userAnswered: boolean; otherReply: boolean; started: boolean }> {
  const [row] = await startSendingQuery(db, reply.id, reply.account_id, reply.thread_id, reply.recipient, o.answeredSince, o.windowSince, o.checkedAt ?? null);
  return { userAnswered: Boolean(row?.user_answered), otherReply: Boolean(row?.other_reply), started: Boolean(row?.started) };
}

const startSendingQuery = prepared((db: Db, id: string, accountId: string, threadId: string, recipient: string, answeredSince: Date, windowSince: Date, checkedAt: Date | null) =>
  db
    .with('checks', (q) =>
      q.selectNoFrom((eb) => [
        eb.exists(
          eb.selectFrom('messages').select('id').where('account_id', '=', accountId).where('thread_id', '=', threadId)
            .where('direction', '=', 'out').where('automated', '=', false).where('received_at', '>', answeredSince),
        ).as('user_answered'),
        eb.exists(
          eb.selectFrom('replies').select('id').where('account_id', '=', accountId).where('recipient', '=', recipient)
            .where('id', '!=', id).where('created_at', '>=', windowSince)
            .where((w) => w.or([w('state', 'in', ['sending', 'sent']), w.and([w('state', '=', 'queued'), w('id', '<', id)])])),
        ).as('other_reply'),
      ]))
    .with('started', (q) =>
      q.updateTable('replies').set({ state: 'sending', checked_at: sql<Date>`coalesce(${checkedAt}::timestamptz, checked_at)` })
        .where('id', '=', id).where('state', '=', 'queued')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('checks').select('user_answered').where((c) => c.or([c('user_answered', '=', true), c('other_reply', '=', true)])))))
        .returning('id'))
    .selectFrom('checks')
    .select((eb) => ['user_answered', 'other_reply', eb.exists(eb.selectFrom('started').select('id')).as('started')]));

/**
 * The end of a complete pass over an account's mail, in one statement: its reactions are marked
 * done, the mail cursor moves on (compare-and-set from the value the pass began with, so a racing
 * pass never moves it back), and the answer is the account's replies still to send, except the
 * ones the pass queued itself (a crash between recording a reply and queueing its job leaves one
 * behind).
 */
export async function finishMailPass(db: Db, pass: { accountId: string; reacted: string[]; cursor: { from: string | null; to: string }; queued: string[]; at: Date }): Promise<Array<{ id: string; send_after: Date }>> {
  const rows = await finishMailPassQuery(db, pass.accountId, pass.reacted, pass.cursor.from, pass.cursor.to, pass.queued, pass.at);
  return rows.map((r) => ({ id: String(r.id), send_after: r.send_after }));
}

const finishMailPassQuery = prepared((db: Db, accountId: string, reacted: string[], from: string | null, to: string, queued: string[], at: Date) =>
  db
    .with('reacted', (q) => reactedUpdate(q, accountId, reacted, at))
    .with('moved', (q) => q.updateTable('accounts').set({ mail_cursor: to, last_synced_at: at }).where('id', '=', accountId).where('mail_cursor', 'is not distinct from', from))
    .selectFrom((q) => q.selectFrom('replies').select(['id', 'send_after']).where('account_id', '=', accountId).where(sql<boolean>`state in ('queued', 'sending')`).where(sql<boolean>`id::text <> all(${queued}::text[])`).as('p'))
    .selectAll());

/** Sent mail already recorded for an account since `since`. */
export const recordedSentSince = prepared((db: Db, accountId: string, since: Date) =>
  db.selectFrom('messages').select(['provider_message_id', 'received_at']).where('account_id', '=', accountId).where('direction', '=', 'out').where('received_at', '>=', since));

export interface NewDecision {
  accountId: string;
  message: MessageMeta;
  clientId: string | null;
  action: string;
  category: string;
  reasons: Array<{ code: string; message: string }>;
  at: Date;
}

export const getDecision = (db: Db, id: string) => db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

export interface NewReply {
  decisionId: string;
  accountId: string;
  recipient: string;
  threadId: string;
  messageId: string;
  state: 'preview' | 'queued';
  mime: string;
  settingsVersion: number;
  sendAfter: Date;
  /** The reply window is measured on the service clock, not the database's. */
  createdAt: Date;
}

/** The reply reworded for settings that changed while it waited. */
export async function rewordReply(db: Db, id: string, mime: string, settingsVersion: number): Promise<void> {
  await db.updateTable('replies').set({ mime, settings_version: settingsVersion }).where('id', '=', id).execute();
}
