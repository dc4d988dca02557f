import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { templateIssues } from '../domain/reply/templates.js';
import { parseSettings, SettingsError } from '../domain/settings-validate.js';
import type { Client, Settings } from '../domain/settings.js';
import type { Db } from './db.js';
import { calendarTimeOffOfUser } from './calendar-time-off.js';
import { withCalendarTimeOff, type CalendarTimeOff } from '../domain/hours/index.js';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { AccountRow } from './accounts.js';
import { prepared } from './prepared.js';

/** What a new user starts with until they say otherwise: a plain office week in UTC. */
export const STARTER_SETTINGS = {
  timeZone: 'UTC',
  week: {
    mon: [{ start: '09:00', end: '17:00' }],
    tue: [{ start: '09:00', end: '17:00' }],
    wed: [{ start: '09:00', end: '17:00' }],
    thu: [{ start: '09:00', end: '17:00' }],
    fri: [{ start: '09:00', end: '17:00' }],
    sat: [],
    sun: [],
  },
  holidays: { enabled: false },
};

export interface StoredSettings {
  settings: Omit<Settings, 'clients'>;
  version: number;
  updatedAt: Date | null;
}

/** Settings as stored, without clients (they have their own table and API). */
export async function getSettings(db: Db, userId: string): Promise<StoredSettings> {
  const row = await db.selectFrom('settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
  const settings = row ? parsedOnce(userId, row.version, row.updated_at, row.data) : structuredClone((starter ??= withoutClients(parseSettings(STARTER_SETTINGS))));
  return { settings, version: row?.version ?? 0, updatedAt: row?.updated_at ?? null };
}

const withoutClients = ({ clients: _clients, ...settings }: Settings): Omit<Settings, 'clients'> => settings;

/**
 * Per user, what was read for one stored version: a newer version replaces it, and past `max`
 * users the one read least recently goes. Values are kept as JSON, so a hit is a fresh copy the
 * caller may change (one JSON.parse, cheaper than a structured clone, and a third of the memory).
 */
class PerUserCache<T> {
  private readonly entries = new Map<string, { stamp: string; json: string }>();
  constructor(private readonly max: number) {}

  get(userId: string, stamp: string): T | undefined {
    const entry = this.entries.get(userId);
    if (entry?.stamp !== stamp) return undefined;
    this.entries.delete(userId);
    this.entries.set(userId, entry);
    return JSON.parse(entry.json) as T;
  }

  set(userId: string, stamp: string, value: T): void {
    this.entries.delete(userId);
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(userId, { stamp, json: JSON.stringify(value) });
  }
}

/**
 * Every sync and send reads a user's settings, and a worker serves many users: up to this many
 * are kept (about 1 KB each for settings without clients). At 2,000, a worker serving 10,000
 * mailboxes checked a document again on four syncs in five.
 */
const CACHED_USERS = 20_000;

/**
 * Stored settings were valid when saved, but are checked again when read (a newer release may be
 * stricter). Checking them (schema, zones) costs about 70 µs, more than the query, so each stored
 * version is checked once per process.
 */
const PARSED = new PerUserCache<Omit<Settings, 'clients'>>(CACHED_USERS);
let starter: Omit<Settings, 'clients'> | undefined;

function parsedOnce(userId: string, version: number, updatedAt: Date, data: unknown): Omit<Settings, 'clients'> {
  const stamp = `${version}:${updatedAt.getTime()}`;
  const cached = PARSED.get(userId, stamp);
  if (cached) return cached;
  const parsed = withoutClients(parseSettings(data));
  PARSED.set(userId, stamp, parsed);
  return parsed;
}

/**
 * Every user with their stored settings (or the starter ones), oldest id first; only those in
 * `timeZone` when given. For the digest scans, which would otherwise read settings user by user.
 * A stored document that no longer validates is reported in `unreadable`, so one user's bad row
 * never stops everyone else's digest.
 */
export async function usersWithSettings(db: Db, timeZone?: string): Promise<{ users: Array<{ id: string; createdAt: Date; settings: Omit<Settings, 'clients'> }>; unreadable: Array<{ id: string; problem: string }> }> {
  let q = db.selectFrom('users').leftJoin('settings', 'settings.user_id', 'users.id').select(['users.id', 'users.created_at', 'settings.data']);
  if (timeZone !== undefined) q = q.where(sql<string>`coalesce(settings.data->>'timeZone', ${STARTER_SETTINGS.timeZone})`, '=', timeZone);
  const users = [];
  const unreadable = [];
  for (const row of await q.orderBy('users.id').execute()) {
    try {
      const { clients: _clients, ...settings } = parseSettings(row.data ?? STARTER_SETTINGS);
      users.push({ id: row.id, createdAt: row.created_at, settings });
    } catch (err) {
      unreadable.push({ id: row.id, problem: (err as Error).message });
    }
  }
  return { users, unreadable };
}

/** The settings changed since the caller read them (optimistic concurrency on `version`). */
export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(readonly expected: number, readonly current: number) {
    super(`Your settings changed since you read them (you sent version ${expected}; it is now ${current}). Read them again, apply your change, and send the new version.`);
  }
}

/**
 * Validates, then replaces. Nothing is written when validation fails, or when `expectedVersion`
 * is given and the stored version is another (someone saved in between).
 */
export async function putSettings(db: Db, userId: string, input: unknown, at: Date, expectedVersion?: number): Promise<StoredSettings> {
  const { clients: _clients, ...settings } = parseSettings(stripClients(input));
  // An unknown placeholder is an error when the template is saved, not when a reply is sent.
  const issues = templateIssues(settings);
  if (issues.length > 0) throw new SettingsError(issues);
  const data = JSON.stringify(settings);
  if (expectedVersion !== undefined) {
    const row =
      expectedVersion === 0
        ? await db.insertInto('settings').values({ user_id: userId, data, version: 1, updated_at: at }).onConflict((oc) => oc.column('user_id').doNothing()).returningAll().executeTakeFirst()
        : await db.updateTable('settings').set((eb) => ({ data, updated_at: at, version: eb('settings.version', '+', 1) })).where('user_id', '=', userId).where('version', '=', expectedVersion).returningAll().executeTakeFirst();
    if (!row) throw new VersionConflictError(expectedVersion, (await getSettings(db, userId)).version);
    return { settings, version: row.version, updatedAt: row.updated_at };
  }
  const row = await db
    .insertInto('settings')
    .values({ user_id: userId, data, version: 1, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({ data, updated_at: at, version: eb('settings.version', '+', 1) })))
    .returningAll()
    .executeTakeFirstOrThrow();
  return { settings, version: row.version, updatedAt: row.updated_at };
}

function stripClients(input: unknown): unknown {
  if (input && typeof input === 'object' && !Array.isArray(input) && 'clients' in input) {
    const { clients: _c, ...rest } = input as Record<string, unknown>;
    return rest;
  }
  return input;
}

export interface ClientRecord extends Client {
  id: string;
}

export async function listClients(db: Db, userId: string): Promise<ClientRecord[]> {
  const rows = await db.selectFrom('clients').select(['id', 'data']).where('user_id', '=', userId).orderBy('created_at').execute();
  return rows.map((r) => ({ ...(r.data as Client), id: r.id }));
}

export async function getClient(db: Db, userId: string, id: string): Promise<ClientRecord | undefined> {
  const row = await db.selectFrom('clients').select(['id', 'data']).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return row ? { ...(row.data as Client), id: row.id } : undefined;
}

/**
 * A client change can change a decision (auto-reply off, VIP, removed), so it bumps the settings
 * version the send step compares: a reply queued on the old directory is decided again.
 * A user without stored settings gets the starter document they were already running on.
 */
export async function bumpSettingsVersion(db: Db, userId: string, at: Date): Promise<void> {
  await db
    .insertInto('settings')
    .values({ user_id: userId, data: JSON.stringify(STARTER_SETTINGS), version: 1, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({ updated_at: at, version: eb('settings.version', '+', 1) })))
    .execute();
}

export async function insertClient(db: Db, userId: string, client: Client, at: Date): Promise<ClientRecord> {
  const id = randomUUID();
  const { id: _ignored, ...data } = client;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('clients').values({ id, user_id: userId, data: JSON.stringify(data), created_at: at, updated_at: at }).execute();
    await bumpSettingsVersion(trx, userId, at);
  });
  return { ...data, id };
}

export async function replaceClient(db: Db, userId: string, id: string, client: Client, at: Date): Promise<ClientRecord | undefined> {
  const { id: _ignored, ...data } = client;
  return db.transaction().execute(async (trx) => {
    const res = await trx.updateTable('clients').set({ data: JSON.stringify(data), updated_at: at }).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) return undefined;
    await bumpSettingsVersion(trx, userId, at);
    return { ...data, id };
  });
}

export async function deleteClient(db: Db, userId: string, id: string, at: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('clients').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return false;
    await bumpSettingsVersion(trx, userId, at);
    return true;
  });
}

/**
 * The settings a decision runs on: the stored settings, the client directory, and every address
 * of the user's connected accounts (so "own address" and "addressed to you" just work).
 */
export async function effectiveSettings(db: Db, userId: string): Promise<Settings> {
  return (await effectiveSettingsVersioned(db, userId)).settings;
}

/**
 * The same, with the stored version: a reply records which settings it was worded on.
 *
 * Every sync and every send reads this, so it costs one query when nothing changed: the clients
 * and the calendar's time off are kept per stored version (every change to either bumps it, see
 * bumpSettingsVersion), and the accounts' addresses are read each time with the settings row.
 */
export async function effectiveSettingsVersioned(db: Db, userId: string): Promise<{ settings: Settings; version: number }> {
  const row = await db
    .selectFrom('users')
    .leftJoin('settings', 'settings.user_id', 'users.id')
    .select(['settings.data', 'settings.version', 'settings.updated_at'])
    .select((eb) => jsonArrayFrom(eb.selectFrom('accounts').select(['accounts.id', 'accounts.address', 'accounts.aliases']).whereRef('accounts.user_id', '=', 'users.id').orderBy('accounts.id')).as('accounts'))
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return resolveSettings(db, userId, row);
}

/**
 * An account with its user's effective settings, in one round trip: the sync and send paths need
 * both for every message. Undefined when the account is gone.
 */
export async function accountWithSettings(db: Db, accountId: string): Promise<{ account: AccountRow; settings: Settings; version: number } | undefined> {
  const [row] = await accountWithSettingsQuery(db, accountId);
  return row && withSettings(db, row);
}

/**
 * The same for a pass over the account's mail, with the provider ids of the messages decided since
 * its last complete pass (a pass that stopped half-way decided them, and the next one sees them in
 * the history again); all of them before the first.
 */
export async function accountForMailPass(db: Db, accountId: string): Promise<{ account: AccountRow; settings: Settings; version: number; decidedSinceSync: Set<string> } | undefined> {
  const [row] = await accountForMailPassQuery(db, accountId);
  if (!row) return undefined;
  const { decided_since_sync: decided, ...rest } = row;
  return { ...(await withSettings(db, rest)), decidedSinceSync: new Set(decided) };
}

/** An account row with the settings columns read beside it, as the account and its effective settings. */
async function withSettings(db: Db, row: AccountRow & { settings_data: unknown; settings_version: number | null; settings_updated_at: Date | null; own_accounts: SettingsColumns['accounts'] }) {
  const { settings_data: data, settings_version: version, settings_updated_at: updated_at, own_accounts: accounts, ...account } = row;
  return { account, ...(await resolveSettings(db, account.user_id, { data, version, updated_at, accounts })) };
}

const accountAndSettings = (db: Db, accountId: string) =>
  db
    .selectFrom('accounts')
    .leftJoin('settings', 'settings.user_id', 'accounts.user_id')
    .selectAll('accounts')
    .select(['settings.data as settings_data', 'settings.version as settings_version', 'settings.updated_at as settings_updated_at'])
    .select((eb) => jsonArrayFrom(eb.selectFrom('accounts as own').select(['own.id', 'own.address', 'own.aliases']).whereRef('own.user_id', '=', 'accounts.user_id').orderBy('own.id')).as('own_accounts'))
    .where('accounts.id', '=', accountId);

const accountWithSettingsQuery = prepared(accountAndSettings);

const accountForMailPassQuery = prepared((db: Db, accountId: string) =>
  accountAndSettings(db, accountId).select(sql<string[]>`(select coalesce(json_agg(d.provider_message_id), '[]'::json) from decisions d where d.account_id = accounts.id and d.decided_at >= coalesce(accounts.last_synced_at, '-infinity'))`.as('decided_since_sync')));

/** The settings columns and the user's accounts, as the two loaders above read them. */
interface SettingsColumns {
  data: unknown;
  version: number | null;
  updated_at: Date | null;
  accounts: Array<{ id: string; address: string; aliases: string[] }>;
}

async function resolveSettings(db: Db, userId: string, row: SettingsColumns | undefined): Promise<{ settings: Settings; version: number }> {
  const accounts = row?.accounts ?? [];
  const stored = row?.version != null && row.updated_at && row.data !== null
    ? { settings: parsedOnce(userId, row.version, row.updated_at, row.data), version: row.version }
    : { settings: structuredClone((starter ??= withoutClients(parseSettings(STARTER_SETTINGS)))), version: 0 };
  // The accounts are in the stamp too: disconnecting one deletes its time off without a new version.
  const stamp = row?.updated_at ? `${stored.version}:${row.updated_at.getTime()}:${accounts.map((a) => a.id).join(',')}` : null;
  let directory = stamp ? DIRECTORY.get(userId, stamp) : undefined;
  if (!directory) {
    const [clients, timeOff] = await Promise.all([listClients(db, userId), calendarTimeOffOfUser(db, userId)]);
    directory = { clients, timeOff };
    if (stamp) DIRECTORY.set(userId, stamp, directory);
  }
  const addresses = new Set(stored.settings.addresses.map((a) => a.toLowerCase()));
  for (const a of accounts) {
    addresses.add(a.address);
    for (const alias of a.aliases) addresses.add(alias);
  }
  // Out-of-office events in the user's calendars count as vacation, in the user's zone.
  const { clients, timeOff } = directory;
  return { settings: withCalendarTimeOff({ ...stored.settings, addresses: [...addresses], clients }, timeOff), version: stored.version };
}

const DIRECTORY = new PerUserCache<{ clients: ClientRecord[]; timeOff: CalendarTimeOff[] }>(CACHED_USERS);
