import { sql } from 'kysely';
import type { Scope } from '../domain/money/types.js';
import type { Db } from './db.js';
import type { ScopeRequestKind } from './schema.js';

export async function getScope(db: Db, userId: string, clientId: string): Promise<Scope | null> {
  const row = await db.selectFrom('client_scopes').selectAll().where('user_id', '=', userId).where('client_id', '=', clientId).executeTakeFirst();
  if (!row) return null;
  return { deliverables: row.deliverables, revisionRounds: row.revision_rounds, rate: row.rate === null ? null : Number(row.rate).toFixed(2), currency: row.currency, unit: row.unit as Scope['unit'] };
}

export async function putScope(db: Db, userId: string, clientId: string, s: Scope, at: Date): Promise<void> {
  const values = { deliverables: JSON.stringify(s.deliverables), revision_rounds: s.revisionRounds, rate: s.rate, currency: s.currency, unit: s.unit, updated_at: at };
  await db
    .insertInto('client_scopes')
    .values({ user_id: userId, client_id: clientId, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'client_id']).doUpdateSet(values))
    .execute();
}

export interface ScopeRequest {
  kind: ScopeRequestKind;
  round: number | null;
  evidence: string;
  receivedAt: string;
  providerMessageId: string;
}

export interface NewScopeRequest {
  userId: string;
  clientId: string;
  accountId: string;
  providerMessageId: string;
  kind: ScopeRequestKind;
  evidence: string;
  receivedAt: Date;
  /** Addresses of the client: an answer from the user to any of them closes a revision round. */
  clientAddresses: string[];
}

/**
 * Records the request once per message and kind, and returns it with its round. A revision
 * request joins the current round until the user has written to the client since that round's
 * last request (several notes before an answer are one round of feedback); then it starts the next.
 * `created` is false when this message was already counted: a re-decided message counts nothing.
 */
export async function recordScopeRequest(db: Db, r: NewScopeRequest): Promise<{ request: ScopeRequest; created: boolean }> {
  const existing = await findRequest(db, r);
  if (existing) return { request: existing, created: false };
  let round: number | null = null;
  if (r.kind === 'revision') {
    const last = await db
      .selectFrom('scope_requests').select(['round', 'received_at'])
      .where('user_id', '=', r.userId).where('client_id', '=', r.clientId).where('kind', '=', 'revision').where('received_at', '<=', r.receivedAt)
      .orderBy('received_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    round = !last ? 1 : (await answeredBetween(db, r.accountId, r.clientAddresses, last.received_at, r.receivedAt)) ? (last.round ?? 0) + 1 : last.round ?? 1;
  }
  const inserted = await db
    .insertInto('scope_requests')
    .values({ user_id: r.userId, client_id: r.clientId, account_id: r.accountId, provider_message_id: r.providerMessageId, kind: r.kind, round, evidence: r.evidence, received_at: r.receivedAt })
    .onConflict((oc) => oc.columns(['account_id', 'provider_message_id', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return { request: (await findRequest(db, r))!, created: false };
  return { request: { kind: r.kind, round, evidence: r.evidence, receivedAt: r.receivedAt.toISOString(), providerMessageId: r.providerMessageId }, created: true };
}

async function findRequest(db: Db, r: NewScopeRequest): Promise<ScopeRequest | null> {
  const row = await db.selectFrom('scope_requests').selectAll().where('account_id', '=', r.accountId).where('provider_message_id', '=', r.providerMessageId).where('kind', '=', r.kind).executeTakeFirst();
  return row ? { kind: row.kind, round: row.round, evidence: row.evidence, receivedAt: row.received_at.toISOString(), providerMessageId: row.provider_message_id } : null;
}

/** Did the user write to any of these addresses (recorded sent mail) strictly between two instants? */
async function answeredBetween(db: Db, accountId: string, addresses: string[], from: Date, to: Date): Promise<boolean> {
  if (addresses.length === 0) return false;
  const row = await db
    .selectFrom('messages').select('id')
    .where('account_id', '=', accountId).where('direction', '=', 'out').where('received_at', '>', from).where('received_at', '<', to)
    .where((eb) => eb.or(addresses.map((a) => sql<boolean>`${eb.ref('recipients')} @> ${JSON.stringify([a])}::jsonb`)))
    .limit(1).executeTakeFirst();
  return row !== undefined;
}

/** A client's requests, oldest first. */
export async function scopeRequests(db: Db, userId: string, clientId: string): Promise<ScopeRequest[]> {
  const rows = await db.selectFrom('scope_requests').selectAll().where('user_id', '=', userId).where('client_id', '=', clientId).orderBy('received_at').orderBy('id').execute();
  return rows.map((row) => ({ kind: row.kind, round: row.round, evidence: row.evidence, receivedAt: row.received_at.toISOString(), providerMessageId: row.provider_message_id }));
}

/** Per client, requests since an instant: the digest's scope-creep counts. */
export async function scopeRequestCounts(db: Db, userId: string, since: Date): Promise<Array<{ clientId: string; extraWork: number; revisions: number; newWorkWhileUnpaid: number; lastRound: number }>> {
  const rows = await db
    .selectFrom('scope_requests')
    .select((eb) => [
      'client_id',
      eb.fn.countAll<string>().filterWhere('kind', '=', 'extra-work').as('extra'),
      eb.fn.countAll<string>().filterWhere('kind', '=', 'revision').as('revisions'),
      eb.fn.countAll<string>().filterWhere('kind', '=', 'new-work-while-unpaid').as('unpaid'),
      eb.fn.max('round').as('last_round'),
    ])
    .where('user_id', '=', userId).where('received_at', '>=', since)
    .groupBy('client_id').execute();
  return rows.map((r) => ({ clientId: r.client_id, extraWork: Number(r.extra), revisions: Number(r.revisions), newWorkWhileUnpaid: Number(r.unpaid), lastRound: Number(r.last_round ?? 0) }));
}
