import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { createUser, findUserByEmail, UserExistsError } from '../../src/storage/users.js';
import { getSettings, putSettings } from '../../src/storage/settings-store.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { postgresAvailable } from '../../dev/support/postgres.js';
import { testDatabase, type Engine } from '../../dev/support/runtime.js';

const engines: Engine[] = ['pglite', ...((await postgresAvailable()) ? (['postgres'] as const) : [])];
if (engines.length === 1) console.warn('PostgreSQL at 127.0.0.1:5432 is not reachable: storage suite runs on PGlite only.');

describe.each(engines)('storage on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await testDatabase(engine);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('reports which engine it runs on', () => {
    expect(handle.engine).toBe(engine);
  });

  it('re-running migrations is a no-op', async () => {
    expect(await migrateToLatest(handle.db)).toEqual([]);
  });

  it('creates users with unique, case-insensitive emails', async () => {
    const user = await createUser(handle.db, { email: 'Ana@Example.com', name: 'Ana' });
    expect(user.email).toBe('ana@example.com');
    await expect(createUser(handle.db, { email: 'ana@example.COM' })).rejects.toBeInstanceOf(UserExistsError);
    expect((await findUserByEmail(handle.db, 'ANA@example.com'))?.id).toBe(user.id);
  });

  it('keeps at most one decision per account and message', async () => {
    const user = await createUser(handle.db, { email: `u-${engine}@example.com` });
    await handle.db.insertInto('accounts').values({ id: `acc-${engine}`, user_id: user.id, provider: 'google', address: user.email, tokens: 'x' }).execute();
    const row = {
      account_id: `acc-${engine}`,
      provider_message_id: 'm1',
      thread_id: 't1',
      sender: 'c@client.com',
      client_id: null,
      action: 'none',
      category: 'within-hours',
      reasons: JSON.stringify([]),
      meta: JSON.stringify({}),
      received_at: new Date(),
      decided_at: new Date(),
    };
    const first = await handle.db.insertInto('decisions').values(row).onConflict((oc) => oc.columns(['account_id', 'provider_message_id']).doNothing()).returning('id').executeTakeFirst();
    const second = await handle.db.insertInto('decisions').values(row).onConflict((oc) => oc.columns(['account_id', 'provider_message_id']).doNothing()).returning('id').executeTakeFirst();
    expect(first?.id).toBeDefined();
    expect(second).toBeUndefined();
    const count = await handle.db.selectFrom('decisions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('stores jsonb and timestamps faithfully', async () => {
    const user = await createUser(handle.db, { email: `json-${engine}@example.com` });
    const at = new Date('2026-03-29T01:30:00.000Z');
    await handle.db.insertInto('settings').values({ user_id: user.id, data: JSON.stringify({ timeZone: 'Europe/Tirane', n: [1, 2] }), updated_at: at }).execute();
    const row = await handle.db.selectFrom('settings').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.data).toEqual({ timeZone: 'Europe/Tirane', n: [1, 2] });
    expect(row.updated_at.toISOString()).toBe(at.toISOString());
  });

  it('hands out a copy of stored settings, and reads a new version when one is saved', async () => {
    const user = await createUser(handle.db, { email: `settings-${engine}@example.com` });
    await putSettings(handle.db, user.id, { timeZone: 'europe/tirane', week: { mon: [{ start: '09:00', end: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: { enabled: false } }, new Date('2026-01-01T00:00:00Z'));
    const first = await getSettings(handle.db, user.id);
    expect(first.settings.timeZone).toBe('Europe/Tirane');
    first.settings.timeZone = 'Asia/Tokyo';
    first.settings.week.mon.push({ start: '18:00', end: '19:00' });
    const again = await getSettings(handle.db, user.id);
    expect(again.settings.timeZone).toBe('Europe/Tirane');
    expect(again.settings.week.mon).toEqual([{ start: '09:00', end: '17:00' }]);
    await putSettings(handle.db, user.id, { timeZone: 'Asia/Kolkata', week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: { enabled: false } }, new Date('2026-01-02T00:00:00Z'));
    const saved = await getSettings(handle.db, user.id);
    expect(saved.version).toBe(first.version + 1);
    expect(saved.settings.timeZone).toBe('Asia/Kolkata');
  });
});
