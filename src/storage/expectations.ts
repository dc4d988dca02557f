import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Expectation, HistoryEntry } from '../domain/follow-up/expectations.js';
import type { NewExpectation } from '../domain/follow-up/expectation-input.js';
import type { ExpectationKind, ExpectationStatus } from '../domain/follow-up/types.js';
import type { Db } from './db.js';
import type { ExpectationsTable, ExpectationSuggestionsTable } from './schema.js';

export function expectationOf(row: Selectable<ExpectationsTable>): Expectation {
  return {
    id: row.id,
    clientId: row.client_id,
    kind: row.kind as ExpectationKind,
    title: row.title,
    party: row.party === 'user' ? 'user' : 'client',
    params: row.params,
    dueAt: row.due_at ? row.due_at.toISOString() : null,
    status: row.status as ExpectationStatus,
    history: row.history as HistoryEntry[],
    createdAt: row.created_at.toISOString(),
  };
}

export async function listExpectations(db: Db, userId: string, clientId?: string): Promise<Expectation[]> {
  let q = db.selectFrom('expectations').selectAll().where('user_id', '=', userId);
  if (clientId) q = q.where('client_id', '=', clientId);
  return (await q.orderBy('created_at').orderBy('id').execute()).map(expectationOf);
}

export async function getExpectation(db: Db, userId: string, clientId: string, id: string): Promise<Expectation | undefined> {
  const row = await db.selectFrom('expectations').selectAll().where('user_id', '=', userId).where('client_id', '=', clientId).where('id', '=', id).executeTakeFirst();
  return row ? expectationOf(row) : undefined;
}

export async function insertExpectation(db: Db, userId: string, clientId: string, e: NewExpectation, at: Date, source: 'manual' | 'suggestion', reason: string): Promise<Expectation> {
  const history: HistoryEntry[] = [{ at: at.toISOString(), from: null, to: 'open', reason }];
  const row = await db
    .insertInto('expectations')
    .values({ id: randomUUID(), user_id: userId, client_id: clientId, kind: e.kind, title: e.title, party: e.party, params: JSON.stringify(e.params), due_at: e.dueAt, status: 'open', history: JSON.stringify(history), source, created_at: at, updated_at: at })
    .returningAll()
    .executeTakeFirstOrThrow();
  return expectationOf(row);
}

/** Writes a new version of an expectation, but only over the status it was read with. */
export async function saveExpectation(db: Db, userId: string, e: Expectation, readStatus: ExpectationStatus, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('expectations')
    .set({ title: e.title, params: JSON.stringify(e.params), due_at: e.dueAt, status: e.status, history: JSON.stringify(e.history), updated_at: at })
    .where('id', '=', e.id)
    .where('user_id', '=', userId)
    .where('status', '=', readStatus)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export async function deleteExpectation(db: Db, userId: string, clientId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('expectations').where('user_id', '=', userId).where('client_id', '=', clientId).where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export type SuggestionRow = Selectable<ExpectationSuggestionsTable>;

export interface NewSuggestion {
  userId: string;
  accountId: string;
  providerMessageId: string;
  threadId: string;
  clientId: string | null;
  kind: string;
  title: string;
  party: string;
  dateText: string;
  dueAt: string;
}

/** Records proposals once per message, kind and date; returns how many are new. */
export async function insertSuggestions(db: Db, list: NewSuggestion[], at: Date): Promise<number> {
  if (list.length === 0) return 0;
  const rows = await db
    .insertInto('expectation_suggestions')
    .values(list.map((s) => ({ id: randomUUID(), user_id: s.userId, account_id: s.accountId, provider_message_id: s.providerMessageId, thread_id: s.threadId, client_id: s.clientId, kind: s.kind, title: s.title, party: s.party, date_text: s.dateText, due_at: s.dueAt, created_at: at })))
    .onConflict((oc) => oc.columns(['account_id', 'provider_message_id', 'kind', 'due_at']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

export const pendingSuggestions = (db: Db, userId: string) =>
  // Soonest commitment first: that is the order a person wants to confirm them in.
  db.selectFrom('expectation_suggestions').selectAll().where('user_id', '=', userId).where('status', '=', 'pending').orderBy('due_at').orderBy('created_at').orderBy('id').execute();

export async function countPendingSuggestions(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('expectation_suggestions').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}

export const getSuggestion = (db: Db, userId: string, id: string) =>
  db.selectFrom('expectation_suggestions').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();

/** Moves a pending suggestion to accepted or dismissed; false when it was no longer pending. */
export async function closeSuggestion(db: Db, userId: string, id: string, to: 'accepted' | 'dismissed', expectationId: string | null = null): Promise<boolean> {
  const res = await db.updateTable('expectation_suggestions').set({ status: to, expectation_id: expectationId }).where('user_id', '=', userId).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
