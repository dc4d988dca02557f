import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { logActivity } from '../../src/storage/activity.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';

const WEEK = { mon: [{ start: '09:00', end: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

describe('the API', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let ana: Awaited<ReturnType<typeof userWithToken>>;
  let ben: Awaited<ReturnType<typeof userWithToken>>;

  beforeAll(async () => {
    runtime = await testRuntime();
    app = await buildServer(runtime);
    ana = await userWithToken(runtime.database.db, 'ana@studio.al');
    ben = await userWithToken(runtime.database.db, 'ben@example.com');
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it('refuses callers without a valid token', async () => {
    expect((await app.inject('/api/settings')).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/settings', headers: { authorization: 'Bearer bnd_nope' } })).statusCode).toBe(401);
  });

  it('starts a new user on a plain week, and saves valid settings', async () => {
    const first = await app.inject({ url: '/api/settings', headers: ana.auth });
    expect(first.statusCode).toBe(200);
    expect(first.json().settings.timeZone).toBe('UTC');
    const put = await app.inject({ method: 'PUT', url: '/api/settings', headers: ana.auth, payload: { timeZone: 'Europe/Tirane', week: WEEK, holidays: { country: 'AL' }, gracePeriodMinutes: 0 } });
    expect(put.statusCode).toBe(200);
    expect(put.json().version).toBe(1);
    const again = await app.inject({ url: '/api/settings', headers: ana.auth });
    expect(again.json().settings).toMatchObject({ timeZone: 'Europe/Tirane', gracePeriodMinutes: 0, replyWindowDays: 4 });
  });

  it('rejects bad settings with 400 naming each field, and keeps what was stored', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/api/settings',
      headers: ana.auth,
      payload: { timeZone: 'Mars/Olympus', week: { ...WEEK, tue: [{ start: '10:00', end: '10:00' }] }, holidays: {}, templates: { default: { text: 'Hi {nmae}' } } },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('timeZone');
    expect(paths.some((p: string) => p.startsWith('week.tue'))).toBe(true);
    expect((await app.inject({ url: '/api/settings', headers: ana.auth })).json().settings.timeZone).toBe('Europe/Tirane');
  });

  it('rejects an unknown template placeholder when it is saved', async () => {
    const res = await app.inject({ method: 'PUT', url: '/api/settings', headers: ana.auth, payload: { timeZone: 'Europe/Tirane', week: WEEK, holidays: {}, templates: { default: { text: 'Hi {nmae}' } } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0].path).toBe('templates.default.text');
    expect(res.json().issues[0].message).toMatch(/nmae/);
  });

  it('imports days off from an .ics file in bulk, keeps what was there, and names a bad file', async () => {
    const ics = readFileSync(new URL('../fixtures/ics/ru-transfers-2025.ics', import.meta.url), 'utf8');
    const user = await userWithToken(runtime.database.db, 'ivan@studio.ru');
    const put = await app.inject({ method: 'PUT', url: '/api/settings', headers: user.auth, payload: { timeZone: 'Europe/Moscow', week: WEEK, holidays: { country: 'RU', days: [{ date: '2025-05-02', name: 'Mine' }] } } });
    expect(put.statusCode).toBe(200);
    const res = await app.inject({ method: 'POST', url: '/api/settings/days-off/import', headers: user.auth, payload: { ics } });
    expect(res.statusCode).toBe(200);
    expect(res.json().added).toBe(4);
    expect(res.json().days.map((d: { date: string }) => d.date)).toEqual(['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31']);
    expect(res.json().days[0].name).toBe('Mine');
    const bad = await app.inject({ method: 'POST', url: '/api/settings/days-off/import', headers: user.auth, payload: { ics: 'hello' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/ics: not an iCalendar file/);
    const after = await app.inject({ url: '/api/settings', headers: user.auth });
    expect(after.json().settings.holidays.days).toHaveLength(5);
  });

  it('manages clients, and another user sees 404 for them', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/clients', headers: ana.auth, payload: { name: 'Acme', domains: ['acme.com'], timeZone: 'America/New_York' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().client.id as string;
    expect((await app.inject({ url: `/api/clients/${id}`, headers: ana.auth })).json().client.name).toBe('Acme');
    expect((await app.inject({ url: `/api/clients/${id}`, headers: ben.auth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PUT', url: `/api/clients/${id}`, headers: ben.auth, payload: { name: 'Stolen', domains: ['x.com'] } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/api/clients/${id}`, headers: ben.auth })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/clients', headers: ben.auth })).json().clients).toEqual([]);
    const updated = await app.inject({ method: 'PUT', url: `/api/clients/${id}`, headers: ana.auth, payload: { name: 'Acme Corp', domains: ['acme.com'], vip: true } });
    expect(updated.json().client).toMatchObject({ name: 'Acme Corp', vip: true });
    expect((await app.inject({ method: 'DELETE', url: `/api/clients/${id}`, headers: ana.auth })).statusCode).toBe(204);
    expect((await app.inject({ url: `/api/clients/${id}`, headers: ana.auth })).statusCode).toBe(404);
  });

  it('refuses one address in two clients, and the same client twice, naming the field in plain words', async () => {
    const first = await app.inject({ method: 'POST', url: '/api/clients', headers: ana.auth, payload: { name: 'Dup One', addresses: ['Lea@dup.example'], domains: ['dup.example'] } });
    expect(first.statusCode).toBe(201);
    const second = await app.inject({ method: 'POST', url: '/api/clients', headers: ana.auth, payload: { name: 'Dup Two', addresses: ['x@other.example', 'lea@DUP.example'] } });
    expect(second.statusCode).toBe(409);
    expect(second.json().issues).toEqual([{ path: 'addresses[1]', message: 'lea@DUP.example is already an address of your client "Dup One"; one address belongs to one client' }]);
    const twice = await app.inject({ method: 'POST', url: '/api/clients', headers: ana.auth, payload: { name: 'dup one', domains: ['dup.example'] } });
    expect(twice.json().issues.map((i: { path: string }) => i.path)).toEqual(['name', 'domains[0]']);
    // Replacing a client with its own addresses is no overlap; another user may have the same client.
    const id = first.json().client.id as string;
    expect((await app.inject({ method: 'PUT', url: `/api/clients/${id}`, headers: ana.auth, payload: { name: 'Dup One', addresses: ['lea@dup.example'] } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/clients', headers: ben.auth, payload: { name: 'Dup One', addresses: ['lea@dup.example'] } })).statusCode).toBe(201);
    expect((await app.inject({ url: '/api/clients', headers: ana.auth })).json().clients).toHaveLength(1);
    await app.inject({ method: 'DELETE', url: `/api/clients/${id}`, headers: ana.auth });
  });

  it('answers a missing field and a wrong type in plain words, once per field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/clients', headers: ana.auth, payload: { addresses: ['not-an-address'], vip: 'yes' } });
    expect(res.statusCode).toBe(400);
    const issues = res.json().issues as Array<{ path: string; message: string }>;
    expect(issues).toEqual(expect.arrayContaining([{ path: 'name', message: 'is required' }, { path: 'addresses[0]', message: "'not-an-address' is not an email address (like name@example.com)" }, { path: 'vip', message: 'must be true or false' }]));
    expect(JSON.stringify(issues)).not.toMatch(/Expected|required property/);
    expect(new Set(issues.map((i) => i.path)).size).toBe(issues.length);
  });

  it('rejects a client with no addresses or domains, naming the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/clients', headers: ana.auth, payload: { name: 'Nobody', timeZone: 'Nowhere/City' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['timeZone']));
  });

  it('pages the activity log and filters it, only ever showing your own', async () => {
    const db = runtime.database.db;
    for (let i = 0; i < 5; i++) {
      await logActivity(db, { userId: ana.user.id, kind: i % 2 ? 'decision.none' : 'decision.auto-reply', summary: `entry ${i}`, ref: `<m${i}@x>`, at: new Date(Date.UTC(2026, 10, 20, i)) });
    }
    await logActivity(db, { userId: ben.user.id, kind: 'decision.none', summary: 'ben only', at: new Date() });
    const page1 = (await app.inject({ url: '/api/activity?limit=2', headers: ana.auth })).json();
    expect(page1.entries.map((e: { summary: string }) => e.summary)).toEqual(['entry 4', 'entry 3']);
    const page2 = (await app.inject({ url: `/api/activity?limit=2&before=${page1.next}`, headers: ana.auth })).json();
    expect(page2.entries.map((e: { summary: string }) => e.summary)).toEqual(['entry 2', 'entry 1']);
    const replies = (await app.inject({ url: '/api/activity?kind=decision.auto-reply', headers: ana.auth })).json();
    expect(replies.entries).toHaveLength(3);
    const why = (await app.inject({ url: `/api/activity?ref=${encodeURIComponent('<m3@x>')}`, headers: ana.auth })).json();
    expect(why.entries.map((e: { summary: string }) => e.summary)).toEqual(['entry 3']);
    expect((await app.inject({ url: '/api/activity?limit=5000', headers: ana.auth })).statusCode).toBe(400);
    // Year 0 passes the date-time format but not PostgreSQL: a 400 naming it, not a 500.
    const yearZero = await app.inject({ url: '/api/activity?from=0000-01-01T00:00:00Z', headers: ana.auth });
    expect(yearZero.statusCode).toBe(400);
    expect(yearZero.json().message).toContain('from: \'0000-01-01T00:00:00Z\' is before year 1');
  });

  it('hides other users\' accounts', async () => {
    await runtime.database.db.insertInto('accounts').values({ id: 'acc-ana', user_id: ana.user.id, provider: 'google', address: 'ana@studio.al', tokens: 'sealed' }).execute();
    expect((await app.inject({ url: '/api/accounts/acc-ana', headers: ben.auth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'PUT', url: '/api/accounts/acc-ana/sending', headers: ben.auth, payload: { sending: true } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/api/accounts/acc-ana', headers: ben.auth })).statusCode).toBe(404);
    const mine = (await app.inject({ url: '/api/accounts', headers: ana.auth })).json().accounts;
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(mine)).not.toContain('sealed');
    const on = await app.inject({ method: 'PUT', url: '/api/accounts/acc-ana/sending', headers: ana.auth, payload: { sending: true } });
    expect(on.json().account).toMatchObject({ sending: true, status: 'active' });
  });
});
