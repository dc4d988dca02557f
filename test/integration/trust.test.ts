import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLoginLink } from '../../src/auth/login-link.js';
import { loggerOptions } from '../../src/logger.js';
import { MAX_OPEN_SIGN_INS } from '../../src/http/web/sign-in-oidc.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { saveConnectedAccount } from '../../src/storage/accounts.js';
import { insertSuggestions } from '../../src/storage/expectations.js';
import { findUserByEmail, type User } from '../../src/storage/users.js';
import { googleEnvFor, startGoogleEmulator, type GoogleEmulator } from '../../dev/emulators/google/index.js';
import { GOOGLE_CLIENT } from '../../dev/support/google-service.js';
import { testConfig, testDatabase } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';

/**
 * Issue 14, hole by hole, through the whole HTTP stack (inject): each test fails on the code
 * before the fix. The emulator's consent page stands in for Google; its address is nobody's user.
 */
const PUBLIC = 'http://boundary.test';
const STRANGER = 'stranger@gmail.test';
const clock = new Date('2026-11-28T20:00:00Z');
const MAILBOX_BUDGET = 40;
let ip = 0;
const nextIp = () => `203.0.113.${++ip % 250}`;

describe('safe to connect a real mailbox (issue 14)', () => {
  let emulator: GoogleEmulator;
  let runtime: Runtime;
  let app: FastifyInstance;
  let alice: { user: User; auth: { authorization: string } };
  let bob: { user: User; auth: { authorization: string } };
  const logs: string[] = [];

  const count = async (table: 'accounts' | 'users' | 'oauth_states' | 'expectations', purpose?: string) => {
    let q = runtime.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'));
    if (purpose) q = (q as typeof q).where('purpose' as never, '=', purpose as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  /** Signs `user` in with a one-time link from a same-origin form; returns the session cookie. */
  async function browserOf(user: User): Promise<{ cookie: string; csrf: string }> {
    const { token } = signLoginLink(runtime.config.sessionSecret, user.email, clock, 15 * 60_000);
    const res = await app.inject({ method: 'POST', url: `/login/${token}`, remoteAddress: nextIp(), headers: { 'sec-fetch-site': 'same-origin' } });
    expect(res.statusCode).toBe(303);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const page = await app.inject({ url: '/accounts', headers: { cookie } });
    return { cookie, csrf: /<meta name="csrf-token" content="([^"]+)">/.exec(page.body)![1]! };
  }

  /** Runs the emulator's consent for an authorization URL and returns our callback path. */
  async function consent(authorizationUrl: string): Promise<string> {
    const res = await fetch(authorizationUrl, { redirect: 'manual' });
    const back = new URL(res.headers.get('location')!);
    return `${back.pathname}${back.search}`;
  }

  beforeAll(async () => {
    emulator = await startGoogleEmulator({ clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret, userAddress: STRANGER });
    const sink = new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) });
    const config = testConfig({ PUBLIC_URL: PUBLIC, LOG_LEVEL: 'info', WEBHOOKS_PER_MAILBOX_PER_MINUTE: String(MAILBOX_BUDGET), ...googleEnvFor(emulator, GOOGLE_CLIENT) });
    runtime = await createRuntime(config, { database: await testDatabase(), logger: pino(loggerOptions('info'), sink), now: () => clock });
    app = await buildServer(runtime);
    alice = await userWithToken(runtime.database.db, 'alice@example.test');
    bob = await userWithToken(runtime.database.db, 'bob@example.test');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await emulator?.close();
  });

  it('1. a connect link started by one user never attaches another person\'s mailbox', async () => {
    const victim = await browserOf(alice.user);
    const start = await app.inject({ url: '/connect/google?format=json', headers: bob.auth });
    const bobCookie = String(start.headers['set-cookie']).split(';')[0]!;
    expect(bobCookie).toMatch(/^boundary_oauth=/);
    const callback = await consent((start.json() as { authorizationUrl: string }).authorizationUrl);

    // The victim approves in their own browser: no state cookie from this flow.
    const hijack = await app.inject({ url: callback, headers: { cookie: victim.cookie, accept: 'text/html' } });
    expect(hijack.statusCode).toBe(400);
    expect(hijack.body).toContain('not started in this browser');
    // Even holding the starter's cookie, a browser signed in as someone else connects nothing.
    const other = await app.inject({ url: callback, headers: { cookie: `${victim.cookie}; ${bobCookie}`, accept: 'text/html' } });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('different Boundary user');
    expect(await count('accounts')).toBe(0);
  });

  it('1. the browser and user that started a connect still complete it', async () => {
    const start = await app.inject({ url: '/connect/google?format=json', headers: bob.auth });
    const cookie = String(start.headers['set-cookie']).split(';')[0]!;
    const callback = await consent((start.json() as { authorizationUrl: string }).authorizationUrl);
    // Refused without the cookie first: that must not use up the state.
    expect((await app.inject({ url: callback, headers: bob.auth })).statusCode).toBe(400);
    const done = await app.inject({ url: callback, headers: { ...bob.auth, cookie } });
    expect(done.statusCode, done.body).toBe(201);
    await runtime.database.db.deleteFrom('accounts').execute();
  });

  it('2. a captured "Sign in with Google" callback does not sign another browser in', async () => {
    const attacker = await app.inject({ url: '/login/google', remoteAddress: nextIp() });
    const callback = await consent(attacker.headers.location as string);
    const victimStart = await app.inject({ url: '/login/google', remoteAddress: nextIp() });
    const victimCookie = String(victimStart.headers['set-cookie']).split(';')[0]!;
    for (const headers of [{}, { cookie: victimCookie }]) {
      const res = await app.inject({ url: callback, headers });
      expect(res.statusCode).toBe(400);
      expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/boundary_session=/);
      expect(res.body).toContain('not started in this browser');
    }
  });

  it('2. POST /login/<link> from another site is refused; from our own page it works', async () => {
    const link = () => signLoginLink(runtime.config.sessionSecret, alice.user.email, clock, 15 * 60_000).token;
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }]) {
      const res = await app.inject({ method: 'POST', url: `/login/${link()}`, headers, remoteAddress: nextIp() });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    for (const headers of [{ 'sec-fetch-site': 'same-origin' }, { origin: PUBLIC }, {}]) {
      expect((await app.inject({ method: 'POST', url: `/login/${link()}`, headers, remoteAddress: nextIp() })).statusCode).toBe(303);
    }
  });

  it('2. with SIGN_UP=invite (the default) Google sign-in creates no user', async () => {
    expect(runtime.config.signUp).toBe('invite');
    const start = await app.inject({ url: '/login/google', remoteAddress: nextIp() });
    const cookie = String(start.headers['set-cookie']).split(';')[0]!;
    const res = await app.inject({ url: await consent(start.headers.location as string), headers: { cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('does not let people sign themselves up');
    expect(await findUserByEmail(runtime.database.db, STRANGER)).toBeUndefined();
  });

  it('4. the rate limit follows the routed path, so percent-encoding does not escape it', async () => {
    const from = '198.51.100.77';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await app.inject({ url: '/%6Cogin/google', remoteAddress: from })).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 302)).toBe(true);
    expect(statuses[30]).toBe(429);
    const connects: number[] = [];
    for (let i = 0; i < 61; i++) connects.push((await app.inject({ url: '/%63onnect/google?format=json', headers: bob.auth, remoteAddress: '198.51.100.78' })).statusCode);
    expect(connects[60]).toBe(429);
  });

  it('4. sign-in states that strangers can create are capped', async () => {
    await runtime.database.db.deleteFrom('oauth_states').execute();
    const rows = Array.from({ length: MAX_OPEN_SIGN_INS }, (_, i) => ({ state: `s${i}`, user_id: null, provider: 'google', purpose: 'sign-in' as const, code_verifier: 'v', expires_at: new Date(clock.getTime() + 60_000) }));
    await runtime.database.db.insertInto('oauth_states').values(rows).execute();
    const res = await app.inject({ url: '/login/google', remoteAddress: nextIp() });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Too many sign-ins');
    expect(await count('oauth_states', 'sign-in')).toBe(MAX_OPEN_SIGN_INS);
    await runtime.database.db.deleteFrom('oauth_states').execute();
  });

  it('5. bodies nested 2,000 deep are a 400, not a stack overflow', async () => {
    const deep = `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`;
    for (const [method, url] of [['PUT', '/api/settings'], ['POST', '/api/clients']] as const) {
      const res = await app.inject({ method, url, headers: { ...alice.auth, 'content-type': 'application/json' }, payload: deep });
      expect(res.statusCode, `${method} ${url}`).toBe(400);
      expect(res.json().message).toContain('nested too deeply');
    }
  });

  it('5. due dates out of range or with impossible offsets are a 400 naming dueAt', async () => {
    const client = await app.inject({ method: 'POST', url: '/api/clients', headers: alice.auth, payload: { name: 'Acme', domains: ['acme.example'] } });
    const clientId = (client.json() as { client: { id: string } }).client.id;
    const account = await saveConnectedAccount(runtime.database.db, { userId: alice.user.id, provider: 'google', address: 'alice@example.test', aliases: [], sealedTokens: 'x', mailCursor: '1', calendarCursor: null, watch: null, calendarWatch: null, baselineAt: clock });
    await insertSuggestions(runtime.database.db, [{ userId: alice.user.id, accountId: account.id, providerMessageId: 'm1', threadId: 't1', clientId, kind: 'deliverable', title: 'Logo', party: 'user', dateText: 'Friday', dueAt: '2026-12-04T17:00:00Z' }], clock);
    const suggestion = ((await app.inject({ url: '/api/expectations/suggestions', headers: alice.auth })).json() as { suggestions: Array<{ id: string }> }).suggestions[0]!;
    const before = await count('expectations');
    for (const dueAt of ['0000-01-01', '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '2026-12-01T10:00:00+99:99']) {
      const created = await app.inject({ method: 'POST', url: `/api/clients/${clientId}/expectations`, headers: alice.auth, payload: { kind: 'deliverable', title: 'Logo', dueAt } });
      expect(created.statusCode, `${dueAt}: ${created.body}`).toBe(400);
      expect(created.json().issues.map((i: { path: string }) => i.path)).toContain('dueAt');
      const accepted = await app.inject({ method: 'POST', url: `/api/expectations/suggestions/${suggestion.id}/accept`, headers: alice.auth, payload: { dueAt } });
      expect(accepted.statusCode, `${dueAt}: ${accepted.body}`).toBe(400);
      expect(accepted.json().issues.map((i: { path: string }) => i.path)).toContain('dueAt');
    }
    expect(await count('expectations')).toBe(before);
    await runtime.database.db.deleteFrom('accounts').execute();
  });

  it('5. a `before` past 64 bits is a 400 on the API and ignored by the page', async () => {
    const api = await app.inject({ url: '/api/activity?before=9223372036854775808', headers: alice.auth });
    expect(api.statusCode).toBe(400);
    expect(api.json().issues[0].path).toContain('before');
    const { cookie } = await browserOf(alice.user);
    expect((await app.inject({ url: '/activity?before=9223372036854775808', headers: { cookie } })).statusCode).toBe(200);
  });

  it('5. a Pub/Sub push whose emailAddress holds a NUL is a 400 naming emailAddress', async () => {
    const url = '/webhooks/google/pubsub';
    const data = Buffer.from(JSON.stringify({ emailAddress: 'alice\u0000@example.test', historyId: '5' })).toString('base64');
    const res = await app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${emulator.control.pushJwt(`${PUBLIC}${url}`)}` }, payload: { message: { data, messageId: '1' }, subscription: 's' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('emailAddress');
  });

  it('4. one mailbox\'s pushes are limited whatever address they come from; other mailboxes are not', async () => {
    const url = '/webhooks/google/pubsub';
    const jwt = emulator.control.pushJwt(`${PUBLIC}${url}`);
    const pushFor = (emailAddress: string) => {
      const data = Buffer.from(JSON.stringify({ emailAddress, historyId: '5' })).toString('base64');
      return app.inject({ method: 'POST', url, remoteAddress: nextIp(), headers: { authorization: `Bearer ${jwt}` }, payload: { message: { data, messageId: '1' }, subscription: 's' } });
    };
    for (const address of ['busy@example.test', 'quiet@example.test']) {
      await saveConnectedAccount(runtime.database.db, { userId: alice.user.id, provider: 'google', address, aliases: [], sealedTokens: 'x', mailCursor: '1', calendarCursor: null, watch: null, calendarWatch: null, baselineAt: clock });
    }
    const statuses: number[] = [];
    for (let i = 0; i < MAILBOX_BUDGET; i++) statuses.push((await pushFor('busy@example.test')).statusCode);
    expect(statuses.every((s) => s === 204)).toBe(true);
    const over = await pushFor('busy@example.test');
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(over.json().message).toContain('one mailbox');
    expect((await pushFor('quiet@example.test')).statusCode).toBe(204);
    await runtime.database.db.deleteFrom('accounts').execute();
  });

  it('4. a push whose token already verified is bounded per mailbox, not by its source address; anonymous requests are', async () => {
    const url = '/webhooks/google/pubsub';
    const jwt = emulator.control.pushJwt(`${PUBLIC}${url}`);
    const payload = { message: { data: Buffer.from(JSON.stringify({ emailAddress: 'steady@example.test', historyId: '5' })).toString('base64'), messageId: '1' }, subscription: 's' };
    const pushFrom = (remoteAddress: string, token?: string) => app.inject({ method: 'POST', url, remoteAddress, headers: token ? { authorization: `Bearer ${token}` } : {}, payload });
    await saveConnectedAccount(runtime.database.db, { userId: alice.user.id, provider: 'google', address: 'steady@example.test', aliases: [], sealedTokens: 'x', mailCursor: '1', calendarCursor: null, watch: null, calendarWatch: null, baselineAt: clock });
    expect((await pushFrom(nextIp(), jwt)).statusCode).toBe(204);

    // Google delivers from a few addresses: a busy install must not be refused per address.
    const from = '198.51.100.90';
    const anonymous: number[] = [];
    for (let i = 0; i < 3_001; i++) anonymous.push((await pushFrom(from)).statusCode);
    expect(anonymous.slice(0, 3_000).every((s) => s === 401)).toBe(true);
    expect(anonymous[3_000]).toBe(429);
    expect((await pushFrom(from, jwt)).statusCode).toBe(204);
    // A token this process has not verified counts against the address like any stranger.
    expect((await pushFrom(from, `${jwt.slice(0, -4)}AAAA`)).statusCode).toBe(429);
    await runtime.database.db.deleteFrom('accounts').execute();
  });

  it('6. /webhooks/microsoft refuses bodies with more entries than Graph ever sends', async () => {
    const entry = (i: number) => ({ subscriptionId: `unknown-${i}`, clientState: 'x', changeType: 'created', resource: 'me/messages/1' });
    const big = await app.inject({ method: 'POST', url: '/webhooks/microsoft', payload: { value: Array.from({ length: 1_001 }, (_, i) => entry(i)) } });
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toContain('at most 1000');
    // Unknown ids are acknowledged (Graph would retry otherwise) after one lookup.
    const ok = await app.inject({ method: 'POST', url: '/webhooks/microsoft', payload: { value: Array.from({ length: 1_000 }, (_, i) => entry(i)) } });
    expect(ok.statusCode).toBe(202);
  });

  it('7. sign-in link tokens never reach the logs', async () => {
    const { token } = signLoginLink(runtime.config.sessionSecret, alice.user.email, clock, 15 * 60_000);
    logs.length = 0;
    await app.inject({ method: 'POST', url: `/login/${token}`, remoteAddress: nextIp() });
    await app.inject({ url: `/%6Cogin/${token}`, remoteAddress: nextIp() });
    const text = logs.join('');
    expect(text).toContain('/login/[redacted]');
    expect(text).not.toContain(token.slice(0, 40));
  });

  describe('also accepted before, refused now', () => {
    const put = (settings: Record<string, unknown>) => app.inject({ method: 'PUT', url: '/api/settings', headers: alice.auth, payload: { timeZone: 'UTC', week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: { enabled: false }, ...settings } });

    it('client domains and own domains must be domain names', async () => {
      for (const domains of [['*'], ['a b.example'], [''], ['..']]) {
        const res = await app.inject({ method: 'POST', url: '/api/clients', headers: alice.auth, payload: { name: 'X', domains } });
        expect(res.statusCode, JSON.stringify(domains)).toBe(400);
        expect(res.json().message).toContain('domains[0]');
      }
      for (const ownDomains of [[''], ['*'], ['..']]) {
        const res = await put({ ownDomains });
        expect(res.statusCode, JSON.stringify(ownDomains)).toBe(400);
        expect(res.json().message).toContain('ownDomains[0]');
      }
      expect((await put({ ownDomains: ['hoxha.studio', '@team.example', 'bücher.example'] })).statusCode).toBe(200);
    });

    it('zone names in the wrong case are stored as IANA spells them', async () => {
      expect((await put({ timeZone: 'europe/tirane' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/settings', headers: alice.auth })).json().settings.timeZone).toBe('Europe/Tirane');
    });

    it('lists have maxima, and the error says them', async () => {
      const interval = { start: '09:00', end: '10:00' };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ week: { mon: Array.from({ length: 2_000 }, () => interval), tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, '12'],
        [{ vacations: Array.from({ length: 20_000 }, () => ({ start: '2026-12-01', end: '2026-12-02' })) }, '500'],
        [{ addresses: Array.from({ length: 10_000 }, (_, i) => `a${i}@example.test`) }, '100'],
      ];
      for (const [settings, max] of cases) {
        const res = await put(settings);
        expect(res.statusCode).toBe(400);
        expect(res.json().message).toContain(max);
      }
    });
  });
});
