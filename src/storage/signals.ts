import { sql, type ExpressionBuilder } from 'kysely';
import type { HistoryMessage, Signal } from '../domain/signals/types.js';
import type { Db } from './db.js';
import type { Database } from './schema.js';

/** How much earlier mail the history-based signals read: enough for chasers and silences, bounded per message. */
const HISTORY_LIMIT = 50;

export async function setMessageSignals(db: Db, accountId: string, providerMessageId: string, signals: Signal[]): Promise<void> {
  await db
    .updateTable('messages')
    .set({ signals: JSON.stringify(signals) })
    .where('account_id', '=', accountId)
    .where('provider_message_id', '=', providerMessageId)
    .execute();
}

export async function messageSignals(db: Db, accountId: string, providerMessageId: string): Promise<Signal[]> {
  const row = await db.selectFrom('messages').select('signals').where('account_id', '=', accountId).where('provider_message_id', '=', providerMessageId).executeTakeFirst();
  return row?.signals ?? [];
}

/**
 * The latest human mail between the mailbox and one address before `before`, newest first:
 * what the history-based signals (chaser, silent return) read. Direction and time only. That is
 * the mail they sent and the mail the user sent them (not a third party's mail that copied them).
 */
export async function correspondence(db: Db, accountId: string, address: string, before: string): Promise<HistoryMessage[]> {
  return correspondenceQuery(db, accountId, address, new Date(before)).execute();
}

/**
 * The query, named as HistoryMessage names its fields, for the decision's one read too (ledger.ts).
 * Each side is read newest first from its own index and cut at the limit before they are merged:
 * one condition over both would read every message the account has (migration 018).
 */
export function correspondenceQuery(db: Db | ExpressionBuilder<Database, never>, accountId: string, address: string, before: Date) {
  const side = (direction: 'in' | 'out') => {
    const q = db
      .selectFrom('messages')
      .select(['direction', 'thread_id as threadId', 'received_at', sql<string>`to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('at')])
      .where('account_id', '=', accountId)
      .where('direction', '=', direction)
      .where('automated', '=', false)
      .where('received_at', '<', before);
    return (direction === 'in' ? q.where('from_address', '=', address) : q.where(sql<boolean>`recipients @> jsonb_build_array(${address}::text)`)).orderBy('received_at', 'desc').limit(HISTORY_LIMIT);
  };
  return db
    .selectFrom(side('in').as('theirs'))
    .select(['direction', 'threadId', 'at'])
    .unionAll((eb) => eb.selectFrom(side('out').as('yours')).select(['direction', 'threadId', 'at']))
    .orderBy('at', 'desc')
    .limit(HISTORY_LIMIT);
}

export interface SignalledMessage {
  accountId: string;
  providerMessageId: string;
  threadId: string;
  clientId: string | null;
  from: string | null;
  subject: string;
  receivedAt: Date;
  signals: Signal[];
}

/** A user's inbound messages in [from, until) that raised at least one signal, oldest first; optionally one client's. */
export async function signalledMessages(db: Db, userId: string, from: Date, until: Date, clientId?: string): Promise<SignalledMessage[]> {
  let q = db
    .selectFrom('messages')
    .innerJoin('accounts', 'accounts.id', 'messages.account_id')
    .select(['messages.account_id', 'messages.provider_message_id', 'messages.thread_id', 'messages.client_id', 'messages.from_address', 'messages.subject', 'messages.received_at', 'messages.signals'])
    .where('accounts.user_id', '=', userId)
    .where('messages.direction', '=', 'in')
    .where('messages.received_at', '>=', from)
    .where('messages.received_at', '<', until)
    .where(sql<boolean>`messages.signals <> '[]'::jsonb`);
  if (clientId) q = q.where('messages.client_id', '=', clientId);
  const rows = await q.orderBy('messages.received_at').orderBy('messages.id').execute();
  return rows.map((r) => ({
    accountId: r.account_id,
    providerMessageId: r.provider_message_id,
    threadId: r.thread_id,
    clientId: r.client_id,
    from: r.from_address,
    subject: r.subject,
    receivedAt: r.received_at,
    signals: r.signals,
  }));
}
