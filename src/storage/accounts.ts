import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { ProviderKind } from '../domain/message.js';
import type { Db } from './db.js';
import { prepared } from './prepared.js';
import type { AccountStatus, AccountsTable } from './schema.js';

export type AccountRow = Selectable<AccountsTable>;

export interface NewAccount {
  userId: string;
  provider: ProviderKind;
  address: string;
  aliases: string[];
  sealedTokens: string;
  mailCursor: string;
  calendarCursor: string | null;
  watch: object | null;
  calendarWatch: object | null;
  baselineAt: Date;
}

export class AccountTakenError extends Error {
  override readonly name = 'AccountTakenError';
}

/**
 * Connect (or reconnect) a mailbox. Reconnecting by the same user refreshes tokens and baseline;
 * a mailbox connected by another user is refused rather than silently moved.
 */
export async function saveConnectedAccount(db: Db, a: NewAccount): Promise<AccountRow> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('accounts').selectAll().where('provider', '=', a.provider).where('address', '=', a.address.toLowerCase()).forUpdate().executeTakeFirst();
    if (existing && existing.user_id !== a.userId) throw new AccountTakenError(`${a.address} is already connected to another Boundary user`);
    const values = {
      aliases: JSON.stringify(a.aliases.map((x) => x.toLowerCase())),
      tokens: a.sealedTokens,
      mail_cursor: a.mailCursor,
      calendar_cursor: a.calendarCursor,
      watch: a.watch ? JSON.stringify(a.watch) : null,
      calendar_watch: a.calendarWatch ? JSON.stringify(a.calendarWatch) : null,
      baseline_at: a.baselineAt,
      status: 'preview' as const,
      status_reason: null,
      sending: false,
    };
    if (existing) return trx.updateTable('accounts').set(values).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
    return trx
      .insertInto('accounts')
      .values({ id: randomUUID(), user_id: a.userId, provider: a.provider, address: a.address.toLowerCase(), ...values })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export const getAccount = (db: Db, id: string) => db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();

/** Ownership is part of the query: another user's account is simply not found. */
export const getUserAccount = (db: Db, userId: string, id: string) =>
  db.selectFrom('accounts').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();

export const listUserAccounts = (db: Db, userId: string) => db.selectFrom('accounts').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

export const listAllAccounts = (db: Db) => db.selectFrom('accounts').selectAll().execute();

export const findAccountByAddress = (db: Db, provider: ProviderKind, address: string) =>
  db.selectFrom('accounts').selectAll().where('provider', '=', provider).where('address', '=', address.trim().toLowerCase()).executeTakeFirst();

/** Moves the sent-mail cursor forward only: a slower read that finished later never moves it back. */
export async function advanceSentCursor(db: Db, id: string, to: Date): Promise<void> {
  await advanceSentCursorQuery(db, id, to);
}

const advanceSentCursorQuery = prepared((db: Db, id: string, to: Date) =>
  db.updateTable('accounts').set({ sent_cursor_at: to }).where('id', '=', id)
    .where((eb) => eb.or([eb('sent_cursor_at', 'is', null), eb('sent_cursor_at', '<', to)])));

export async function advanceCalendarCursor(db: Db, id: string, from: string | null, to: string): Promise<boolean> {
  let q = db.updateTable('accounts').set({ calendar_cursor: to }).where('id', '=', id);
  q = from === null ? q.where('calendar_cursor', 'is', null) : q.where('calendar_cursor', '=', from);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows ?? 0n) > 0 || (await getAccount(db, id))?.calendar_cursor === to;
}

export async function setAccountStatus(db: Db, id: string, status: AccountStatus, reason: string | null): Promise<void> {
  await db.updateTable('accounts').set({ status, status_reason: reason }).where('id', '=', id).execute();
}

export async function setSending(db: Db, userId: string, id: string, sending: boolean): Promise<AccountRow | undefined> {
  const account = await getUserAccount(db, userId, id);
  if (!account) return undefined;
  // A broken account keeps its status: switching sending on must not hide a needed reconnect.
  const status: AccountStatus = account.status === 'preview' || account.status === 'active' ? (sending ? 'active' : 'preview') : account.status;
  return db.updateTable('accounts').set({ sending, status }).where('id', '=', id).where('user_id', '=', userId).returningAll().executeTakeFirst();
}

export async function updateTokens(db: Db, id: string, sealed: string): Promise<void> {
  await db.updateTable('accounts').set({ tokens: sealed }).where('id', '=', id).execute();
}

export async function updateWatch(db: Db, id: string, kind: 'mail' | 'calendar', watch: object | null): Promise<void> {
  const value = watch ? JSON.stringify(watch) : null;
  await db.updateTable('accounts').set(kind === 'mail' ? { watch: value } : { calendar_watch: value }).where('id', '=', id).execute();
}

export async function markNotified(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('accounts').set({ last_notified_at: at }).where('id', '=', id).execute();
}

export async function deleteAccount(db: Db, userId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('accounts').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The account whose mail or calendar watch has this provider id (Graph subscription, Calendar channel). */
/** The accounts behind many watch ids at once (one query for a whole Graph notification body). */
export async function findAccountsByWatchIds(db: Db, watchIds: string[]): Promise<Map<string, { account: AccountRow; kind: 'mail' | 'calendar' }>> {
  const found = new Map<string, { account: AccountRow; kind: 'mail' | 'calendar' }>();
  const ids = [...new Set(watchIds)];
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) => eb.or([eb(sql<string>`watch->>'id'`, 'in', ids), eb(sql<string>`calendar_watch->>'id'`, 'in', ids)]))
    .execute();
  for (const account of rows) {
    const mail = (account.watch as { id?: string } | null)?.id;
    const calendar = (account.calendar_watch as { id?: string } | null)?.id;
    if (mail && ids.includes(mail)) found.set(mail, { account, kind: 'mail' });
    if (calendar && ids.includes(calendar)) found.set(calendar, { account, kind: 'calendar' });
  }
  return found;
}

export async function findAccountByWatchId(db: Db, watchId: string): Promise<{ account: AccountRow; kind: 'mail' | 'calendar' } | undefined> {
  const account = await db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) => eb.or([eb(sql<string>`watch->>'id'`, '=', watchId), eb(sql<string>`calendar_watch->>'id'`, '=', watchId)]))
    .executeTakeFirst();
  if (!account) return undefined;
  return { account, kind: (account.watch as { id?: string } | null)?.id === watchId ? 'mail' : 'calendar' };
}
