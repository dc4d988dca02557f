import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { NO_CONTRACT, type ContractState } from '../domain/agreements/contract.js';
import type { Db } from './db.js';
import type { RecapsTable, RecapStatus } from './schema.js';

/** Contract status per client and pending recaps (migration 016). */

export interface StoredContract {
  clientId: string;
  state: ContractState;
  version: number;
  updatedAt: string | null;
}

export async function getContract(db: Db, userId: string, clientId: string): Promise<StoredContract> {
  const row = await db.selectFrom('client_contracts').selectAll().where('user_id', '=', userId).where('client_id', '=', clientId).executeTakeFirst();
  return row ? { clientId, state: { ...NO_CONTRACT, ...row.state }, version: row.version, updatedAt: row.updated_at.toISOString() } : { clientId, state: NO_CONTRACT, version: 0, updatedAt: null };
}

export async function listContracts(db: Db, userId: string): Promise<StoredContract[]> {
  const rows = await db.selectFrom('client_contracts').selectAll().where('user_id', '=', userId).execute();
  return rows.map((r) => ({ clientId: r.client_id, state: { ...NO_CONTRACT, ...r.state }, version: r.version, updatedAt: r.updated_at.toISOString() }));
}

/** Writes a new state over the version it was read at (0: none stored yet); false when someone wrote in between. */
export async function saveContract(db: Db, userId: string, clientId: string, state: ContractState, readVersion: number, at: Date): Promise<boolean> {
  const json = JSON.stringify(state);
  if (readVersion === 0) {
    const rows = await db.insertInto('client_contracts').values({ client_id: clientId, user_id: userId, state: json, version: 1, updated_at: at }).onConflict((oc) => oc.column('client_id').doNothing()).returning('client_id').execute();
    return rows.length > 0;
  }
  const res = await db.updateTable('client_contracts').set({ state: json, version: readVersion + 1, updated_at: at }).where('client_id', '=', clientId).where('user_id', '=', userId).where('version', '=', readVersion).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export type RecapRow = Selectable<RecapsTable>;

export interface NewRecap {
  userId: string;
  accountId: string;
  clientId: string | null;
  threadId: string;
  providerMessageId: string;
  messageRef: string;
  subject: string;
  decision: string;
  evidence: string;
  language: string;
}

/** One recap per message: a message decided twice offers it once. Null when it already existed. */
export async function insertRecap(db: Db, r: NewRecap, at: Date): Promise<RecapRow | null> {
  const row = await db
    .insertInto('recaps')
    .values({ id: randomUUID(), user_id: r.userId, account_id: r.accountId, client_id: r.clientId, thread_id: r.threadId, provider_message_id: r.providerMessageId, message_ref: r.messageRef, subject: r.subject.slice(0, 500), decision: r.decision, evidence: r.evidence, language: r.language, created_at: at })
    .onConflict((oc) => oc.columns(['account_id', 'provider_message_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function listRecaps(db: Db, userId: string, opts: { status?: RecapStatus; clientId?: string } = {}): Promise<RecapRow[]> {
  let q = db.selectFrom('recaps').selectAll().where('user_id', '=', userId);
  if (opts.status) q = q.where('status', '=', opts.status);
  if (opts.clientId) q = q.where('client_id', '=', opts.clientId);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(200).execute();
}

export const getRecap = (db: Db, userId: string, id: string) => db.selectFrom('recaps').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();

/** Pending recaps in a thread, oldest first: a reply there may confirm them. */
export const pendingRecapsInThread = (db: Db, accountId: string, threadId: string) =>
  db.selectFrom('recaps').selectAll().where('account_id', '=', accountId).where('thread_id', '=', threadId).where('status', '=', 'pending').orderBy('created_at').execute();

/** Whether the user wrote in the thread after the recap was offered (the recap, sent). */
export async function userWroteSince(db: Db, accountId: string, threadId: string, since: Date, before: Date): Promise<boolean> {
  const row = await db.selectFrom('messages').select('id').where('account_id', '=', accountId).where('thread_id', '=', threadId).where('direction', '=', 'out').where('automated', '=', false).where('received_at', '>=', since).where('received_at', '<=', before).limit(1).executeTakeFirst();
  return Boolean(row);
}

/** Closes a pending recap; false when it was no longer pending (another request or reply won). */
export async function closeRecap(db: Db, userId: string, id: string, to: Exclude<RecapStatus, 'pending'>, at: Date, extra: { confirmedBy?: 'client' | 'user'; expectationId?: string } = {}): Promise<boolean> {
  const res = await db
    .updateTable('recaps')
    .set({ status: to, closed_at: at, confirmed_by: extra.confirmedBy ?? null, expectation_id: extra.expectationId ?? null })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export interface ClientTraffic {
  clientId: string;
  messages: number;
  lastAt: Date;
}

/**
 * Human mail from each listed client since `since`: the sign that work is going on. (Sent mail is
 * recorded without a client, so the client's own messages are what is counted.)
 */
export async function clientTraffic(db: Db, userId: string, since: Date): Promise<ClientTraffic[]> {
  const rows = await db
    .selectFrom('messages as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['m.client_id', sql<string>`count(*)`.as('n'), sql<Date>`max(m.received_at)`.as('last_at')])
    .where('a.user_id', '=', userId)
    .where('m.client_id', 'is not', null)
    .where('m.direction', '=', 'in')
    .where('m.automated', '=', false)
    .where('m.received_at', '>=', since)
    .groupBy('m.client_id')
    .execute();
  return rows.map((r) => ({ clientId: r.client_id!, messages: Number(r.n), lastAt: new Date(r.last_at) }));
}
