import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLoginLink } from '../../src/auth/login-link.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { saveConnectedAccount } from '../../src/storage/accounts.js';
import { getHeld, insertHeld } from '../../src/storage/held-messages.js';
import { getSettings, putSettings } from '../../src/storage/settings-store.js';
import type { User } from '../../src/storage/users.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';

/** The Waiting to send page (issue 21): what is held, when it goes in the user's zone, and the buttons and setting behind CSRF. */

const clock = new Date('2026-11-27T22:40:00Z'); // Friday 23:40 in Tirana

describe('the Waiting to send page', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let user: User;
  let heldId: string;
  let browser: { cookie: string; csrf: string };

  beforeAll(async () => {
    runtime = await testRuntime({ now: () => clock, env: { PUBLIC_URL: 'https://boundary.example' } });
    app = await buildServer(runtime);
    ({ user } = await userWithToken(runtime.database.db, 'elira@example.test'));
    const nineToFive = [{ start: '09:00', end: '17:00' }];
    await putSettings(runtime.database.db, user.id, { timeZone: 'Europe/Tirane', week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] } }, clock);
    const account = await saveConnectedAccount(runtime.database.db, {
      userId: user.id, provider: 'google', address: 'elira@example.test', aliases: [], sealedTokens: 'x',
      mailCursor: '1', calendarCursor: null, watch: null, calendarWatch: null, baselineAt: clock,
    });
    const row = await insertHeld(runtime.database.db, {
      userId: user.id, accountId: account.id, draftId: 'd1', fingerprint: 'f', messageId: '<d1@x>', recipient: 'tomas@acme.example',
      subject: 'Logo <files>', clientId: null, basis: 'user', reason: 'Goes at your next working start.', sendAt: new Date('2026-11-30T08:00:00Z'), markedAt: clock, version: 'v1',
    });
    heldId = String(row!.id);
    const { token } = signLoginLink(runtime.config.sessionSecret, user.email, clock, 15 * 60_000);
    const res = await app.inject({ method: 'POST', url: `/login/${token}` });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const page = await app.inject({ url: '/held', headers: { cookie } });
    browser = { cookie, csrf: /<meta name="csrf-token" content="([^"]+)">/.exec(page.body)![1]! };
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it('lists the held reply with its time in the user’s zone, escaped, with Send now and Cancel', async () => {
    const page = await app.inject({ url: '/held', headers: { cookie: browser.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="/held" aria-current="page">Waiting to send</a>');
    expect(page.body).toContain('Logo &lt;files&gt;');
    expect(page.body).toMatch(/Goes <time datetime="2026-11-30T08:00:00.000Z">Mon 30 Nov, 09:00<\/time> \(in 3 days\)/);
    expect(page.body).toContain(`data-url="/api/held/${heldId}/send-now"`);
    expect(page.body).toContain(`data-url="/api/held/${heldId}/cancel"`);
    expect(page.body).toMatch(/<input type="checkbox" name="enabled">/);
  });

  it('turns holding on only with the page’s CSRF token, keeping the rest of the settings', async () => {
    const body = { enabled: true, sendAt: 'both' };
    const forged = await app.inject({ method: 'PUT', url: '/api/held/settings', headers: { cookie: browser.cookie, 'x-csrf-token': 'nope' }, payload: body });
    expect(forged.statusCode).toBe(403);
    expect((await app.inject({ method: 'PUT', url: '/api/held/settings', headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf }, payload: { enabled: 'yes' } })).statusCode).toBe(400);
    const ok = await app.inject({ method: 'PUT', url: '/api/held/settings', headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf }, payload: body });
    expect(ok.statusCode).toBe(200);
    const stored = (await getSettings(runtime.database.db, user.id)).settings;
    expect(stored.hold).toEqual({ enabled: true, sendAt: 'both' });
    expect(stored.timeZone).toBe('Europe/Tirane');
    expect((await app.inject({ url: '/held', headers: { cookie: browser.cookie } })).body).toMatch(/<input type="checkbox" name="enabled" checked>/);
  });

  it('cancels through the button’s API call with the CSRF token, and then shows nothing waiting', async () => {
    expect((await app.inject({ method: 'POST', url: `/api/held/${heldId}/cancel`, headers: { cookie: browser.cookie } })).statusCode).toBe(403);
    const res = await app.inject({ method: 'POST', url: `/api/held/${heldId}/cancel`, headers: { cookie: browser.cookie, 'x-csrf-token': browser.csrf } });
    expect(res.statusCode).toBe(200);
    expect((await getHeld(runtime.database.db, heldId))?.state).toBe('cancelled');
    expect((await app.inject({ url: '/held', headers: { cookie: browser.cookie } })).body).toContain('Nothing is waiting.');
  });
});
