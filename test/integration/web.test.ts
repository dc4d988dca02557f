import { putSettings } from '../../src/storage/settings-store.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server.js';
import type { Runtime } from '../../src/runtime.js';
import { saveConnectedAccount } from '../../src/storage/accounts.js';
import { logActivity } from '../../src/storage/activity.js';
import { recordCalendarTimeOff } from '../../src/storage/calendar-time-off.js';
import { insertSuggestions, type NewSuggestion } from '../../src/storage/expectations.js';
import { insertReminder } from '../../src/storage/reminders.js';
import { saveOAuthState } from '../../src/storage/oauth-states.js';
import { signLoginLink } from '../../src/auth/login-link.js';
import { findUserByEmail, type User } from '../../src/storage/users.js';
import { startGoogleEmulator, type GoogleEmulator } from '../../dev/emulators/google/index.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';

const CLIENT = { id: 'boundary-web.apps.googleusercontent.com', secret: 'boundary-web-secret' };
let clock = new Date('2026-11-28T20:00:00Z');
let signIns = 0;

interface Browser {
  cookie: string;
  csrf: string;
}

describe('the web app over inject', () => {
  let emulator: GoogleEmulator;
  let runtime: Runtime;
  let app: FastifyInstance;
  let alice: { user: User; auth: { authorization: string } };
  let bob: { user: User; auth: { authorization: string } };
  let aliceAccountId: string;

  /** Signs in through a one-time link, as the browser would, and reads the page's CSRF token. */
  async function signIn(user: User): Promise<Browser> {
    const { token } = signLoginLink(runtime.config.sessionSecret, user.email, clock, 15 * 60_000);
    // Each sign-in from its own address, so the sign-in rate limit stays out of these tests.
    const res = await app.inject({ method: 'POST', url: `/login/${token}`, remoteAddress: `198.51.100.${++signIns}` });
    expect(res.statusCode).toBe(303);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const page = await app.inject({ url: '/accounts', headers: { cookie } });
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page.body)?.[1];
    expect(csrf).toBeTruthy();
    return { cookie, csrf: csrf! };
  }

  beforeAll(async () => {
    // Real time for the emulator: google-auth-library checks ID-token iat/exp against the real clock.
    emulator = await startGoogleEmulator({ clientId: CLIENT.id, clientSecret: CLIENT.secret, userAddress: 'new.person@gmail.test' });
    const ep = emulator.control.endpoints();
    runtime = await testRuntime({
      now: () => clock,
      env: {
        PUBLIC_URL: 'https://boundary.example',
        GOOGLE_CLIENT_ID: CLIENT.id,
        GOOGLE_CLIENT_SECRET: CLIENT.secret,
        GOOGLE_AUTH_URL: ep.authUrl,
        GOOGLE_TOKEN_URL: ep.tokenUrl,
        GOOGLE_REVOKE_URL: ep.revokeUrl,
        GOOGLE_CERTS_URL: ep.certsUrl,
        SIGN_UP: 'open',
      },
    });
    app = await buildServer(runtime);
    alice = await userWithToken(runtime.database.db, 'alice@example.test');
    bob = await userWithToken(runtime.database.db, 'bob@example.test');
    const account = await saveConnectedAccount(runtime.database.db, {
      userId: alice.user.id, provider: 'google', address: 'alice@example.test', aliases: [], sealedTokens: 'SEALED-TOKENS-MUST-NOT-LEAK',
      mailCursor: '1', calendarCursor: null, watch: null, calendarWatch: null, baselineAt: clock,
    });
    aliceAccountId = account.id;
    await logActivity(runtime.database.db, { userId: alice.user.id, kind: 'reply.sent', summary: 'Alice private reply to dana@client.test', at: clock });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await emulator?.close();
  });

  describe('sessions and sign-in', () => {
    it('sets a Secure, HttpOnly, SameSite=Lax session cookie over https', async () => {
      const { token } = signLoginLink(runtime.config.sessionSecret, alice.user.email, clock, 15 * 60_000);
      const res = await app.inject({ method: 'POST', url: `/login/${token}` });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^boundary_session=[A-Za-z0-9_-]{43};/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
    });

    it('uses a login link once only', async () => {
      const { token } = signLoginLink(runtime.config.sessionSecret, alice.user.email, clock, 15 * 60_000);
      // Showing the link does not use it up (mail scanners and previews open links).
      expect((await app.inject({ url: `/login/${token}` })).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: `/login/${token}` })).statusCode).toBe(303);
      const again = await app.inject({ method: 'POST', url: `/login/${token}` });
      expect(again.statusCode).toBe(400);
      expect(again.headers['set-cookie']).toBeUndefined();
      expect(again.body).toContain('expired or was already used');
    });

    it('refuses a login link after 15 minutes', async () => {
      const { token } = signLoginLink(runtime.config.sessionSecret, alice.user.email, clock, 15 * 60_000);
      clock = new Date(clock.getTime() + 15 * 60_000 + 1000);
      const res = await app.inject({ method: 'POST', url: `/login/${token}` });
      expect(res.statusCode).toBe(400);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('refuses an unknown login link', async () => {
      expect((await app.inject({ method: 'POST', url: '/login/not-a-real-token' })).statusCode).toBe(400);
    });

    it('sends visitors without a session to the sign-in page, and signs out', async () => {
      const page = await app.inject({ url: '/hours' });
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toBe('/login');
      const b = await signIn(alice.user);
      const out = await app.inject({ method: 'POST', url: '/logout', headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${b.csrf}` });
      expect(out.statusCode).toBe(303);
      expect((await app.inject({ url: '/api/settings', headers: { cookie: b.cookie } })).statusCode).toBe(401);
    });

    it('signs in with Google: PKCE, single-use state, verified ID token, user created by email', async () => {
      const start = await app.inject({ url: '/login/google' });
      expect(start.statusCode).toBe(302);
      const auth = new URL(start.headers.location as string);
      expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
      expect(auth.searchParams.get('scope')).toBe('openid email profile');
      expect(auth.searchParams.get('redirect_uri')).toBe('https://boundary.example/login/google/callback');
      const consent = await fetch(auth, { redirect: 'manual' });
      const back = new URL(consent.headers.get('location')!);
      const callback = `${back.pathname}${back.search}`;
      const bound = String(start.headers['set-cookie']);
      expect(bound).toMatch(/^boundary_oauth=[^;]+; Max-Age=600; Path=\/login\/google\/callback; HttpOnly; Secure; SameSite=Lax/);
      const cookie = bound.split(';')[0]!;
      const done = await app.inject({ url: callback, headers: { cookie } });
      expect(done.statusCode).toBe(303);
      expect(String(done.headers['set-cookie'])).toMatch(/^boundary_session=/);
      expect(await findUserByEmail(runtime.database.db, 'new.person@gmail.test')).toBeDefined();
      // The same callback again: the state was used up.
      const replay = await app.inject({ url: callback, headers: { cookie } });
      expect(replay.statusCode).toBe(400);
      expect(replay.headers['set-cookie']).toBeUndefined();
    });

    it('refuses a callback with a missing, forged or misused state', async () => {
      for (const query of ['code=abc', 'code=abc&state=forged-state']) {
        const res = await app.inject({ url: `/login/google/callback?${query}` });
        expect(res.statusCode).toBe(400);
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      // A state minted to connect a mailbox cannot sign anyone in, nor can one for another provider.
      await saveOAuthState(runtime.database.db, { state: 'connect-state', userId: alice.user.id, provider: 'google', purpose: 'connect', codeVerifier: 'v' }, new Date(clock.getTime() + 60_000));
      await saveOAuthState(runtime.database.db, { state: 'ms-state', userId: null, provider: 'microsoft', purpose: 'sign-in', codeVerifier: 'v' }, new Date(clock.getTime() + 60_000));
      for (const state of ['connect-state', 'ms-state']) {
        const res = await app.inject({ url: `/login/google/callback?code=abc&state=${state}`, headers: { cookie: `boundary_oauth=${state}` } });
        expect(res.statusCode).toBe(400);
        expect(res.headers['set-cookie']).toBeUndefined();
      }
    });

    it('rate-limits sign-in', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 35; i++) statuses.push((await app.inject({ url: '/login', remoteAddress: '203.0.113.9' })).statusCode);
      expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      // Another address is not affected.
      expect((await app.inject({ url: '/login', remoteAddress: '203.0.113.10' })).statusCode).toBe(200);
    });
  });

  describe('CSRF', () => {
    it('refuses a state-changing API call from the browser without the token, or with a forged one', async () => {
      const b = await signIn(bob.user);
      const body = { timeZone: 'Europe/Tirane', week: { mon: [{ start: '09:00', end: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
      const missing = await app.inject({ method: 'PUT', url: '/api/settings', headers: { cookie: b.cookie }, payload: body });
      expect(missing.statusCode).toBe(403);
      const forged = await app.inject({ method: 'PUT', url: '/api/settings', headers: { cookie: b.cookie, 'x-csrf-token': `${b.csrf.slice(0, -2)}xx` }, payload: body });
      expect(forged.statusCode).toBe(403);
      // Another session's token does not fit this session.
      const other = await signIn(bob.user);
      expect((await app.inject({ method: 'PUT', url: '/api/settings', headers: { cookie: b.cookie, 'x-csrf-token': other.csrf }, payload: body })).statusCode).toBe(403);
      expect((await app.inject({ url: '/api/settings', headers: { cookie: b.cookie } })).json().version).toBe(0);
      const ok = await app.inject({ method: 'PUT', url: '/api/settings', headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, payload: body });
      expect(ok.statusCode).toBe(200);
    });

    it('refuses a form post without the token', async () => {
      const b = await signIn(bob.user);
      const res = await app.inject({ method: 'POST', url: '/logout', headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: '_csrf=wrong' });
      expect(res.statusCode).toBe(403);
      expect((await app.inject({ url: '/api/settings', headers: { cookie: b.cookie } })).statusCode).toBe(200);
    });

    it('leaves bearer-token API clients alone (they carry no ambient credentials)', async () => {
      const res = await app.inject({ method: 'PUT', url: `/api/accounts/${aliceAccountId}/sending`, headers: alice.auth, payload: { sending: false } });
      expect(res.statusCode).toBe(200);
    });
  });

  describe('ownership and secrets', () => {
    it("refuses Bob's session access to Alice's account, client and activity", async () => {
      const b = await signIn(bob.user);
      const headers = { cookie: b.cookie, 'x-csrf-token': b.csrf };
      expect((await app.inject({ method: 'PUT', url: `/api/accounts/${aliceAccountId}/sending`, headers, payload: { sending: true } })).statusCode).toBe(404);
      expect((await app.inject({ method: 'DELETE', url: `/api/accounts/${aliceAccountId}`, headers })).statusCode).toBe(404);
      const client = await app.inject({ method: 'POST', url: '/api/clients', headers: alice.auth, payload: { name: 'Dana Co', domains: ['client.test'] } });
      const clientId = client.json().client.id as string;
      expect((await app.inject({ url: `/api/clients/${clientId}`, headers })).statusCode).toBe(404);
      const preview = await app.inject({ method: 'POST', url: '/api/settings/preview', headers, payload: { settings: { timeZone: 'UTC', week: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, clientId } });
      expect(preview.statusCode).toBe(404);
      const accounts = await app.inject({ url: '/accounts', headers: { cookie: b.cookie } });
      expect(accounts.body).not.toContain('alice@example.test');
      const activity = await app.inject({ url: `/activity?client=${clientId}`, headers: { cookie: b.cookie } });
      expect(activity.body).not.toContain('Alice private reply');
      expect((await app.inject({ url: '/api/accounts', headers: alice.auth })).json().accounts[0].sending).toBe(false);
    });

    it('ignores an Activity date filter PostgreSQL cannot store (year 0) rather than failing', async () => {
      const a = await signIn(alice.user);
      const page = await app.inject({ url: '/activity?from=0000-01-01&to=0000-01-02', headers: { cookie: a.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Activity');
    });

    it('never renders account tokens', async () => {
      const a = await signIn(alice.user);
      const page = await app.inject({ url: '/accounts', headers: { cookie: a.cookie } });
      expect(page.body).toContain('alice@example.test');
      expect(page.body).not.toContain('SEALED-TOKENS');
    });
  });

  describe('pages and headers', () => {
    it('renders every page for a signed-in user with a strict CSP', async () => {
      const a = await signIn(alice.user);
      for (const [path, title] of [['/accounts', 'Accounts'], ['/hours', 'Working hours'], ['/clients', 'Clients'], ['/follow-ups', 'Follow-ups'], ['/replies', 'Replies'], ['/activity', 'Activity'], ['/digests', 'Digests']]) {
        const res = await app.inject({ url: path!, headers: { cookie: a.cookie } });
        expect(res.statusCode, path).toBe(200);
        expect(res.body).toContain(`<h1>${title}</h1>`);
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toContain('unsafe-inline');
        // No inline code: every <script> either has a src or is a JSON data block.
        for (const tag of res.body.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/src="\/static\/|type="application\/json"/);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
      const activity = await app.inject({ url: '/activity', headers: { cookie: a.cookie } });
      expect(activity.body).toContain('Alice private reply to dana@client.test');
    });

    it('lists the coming year\'s days off on the working-hours page', async () => {
      const a = await signIn(alice.user);
      const week = { mon: [{ start: '09:00', end: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
      await putSettings(runtime.database.db, alice.user.id, { timeZone: 'Europe/Tirane', week, holidays: { country: 'AL', days: [{ date: '2027-03-02', name: 'Substitute day' }] }, vacations: [{ start: '2027-08-02', end: '2027-08-03' }] }, clock);
      const page = await app.inject({ url: '/hours', headers: { cookie: a.cookie } });
      const section = page.body.slice(page.body.indexOf('id="days-off-ahead"'));
      expect(section).toContain('<td>2026-11-29</td><td>Holiday</td>'); // Liberation Day, the day after "now"
      expect(section).toContain('<td>2027-03-02</td><td>Holiday</td><td>Substitute day</td>');
      expect(section).toContain('<td>2027-08-03</td><td>Vacation</td>');
      expect(section).not.toContain('2027-12-'); // twelve months only
      // Out-of-office time from a connected calendar is listed too, in the user's zone, and only the user's own.
      await recordCalendarTimeOff(runtime.database.db, alice.user.id, aliceAccountId, { current: [{ eventId: 'oof-1', allDay: false, start: '2027-06-08T06:00:00Z', end: '2027-06-09T20:00:00Z' }], gone: [] }, clock);
      const withCalendar = await app.inject({ url: '/hours', headers: { cookie: a.cookie } });
      expect(withCalendar.body).toContain('<td>2027-06-08</td><td>Vacation</td>');
      expect(withCalendar.body).toContain('<td>2027-06-09</td><td>Vacation</td>');
      const b = await signIn(bob.user);
      expect((await app.inject({ url: '/hours', headers: { cookie: b.cookie } })).body).not.toContain('2027-06-08');
      await recordCalendarTimeOff(runtime.database.db, alice.user.id, aliceAccountId, { current: [], gone: ['oof-1'] }, clock);
      expect((await app.inject({ url: '/hours', headers: { cookie: a.cookie } })).body).not.toContain('2027-06-08');
    });

    it('escapes what users and senders typed', async () => {
      const a = await signIn(alice.user);
      await logActivity(runtime.database.db, { userId: alice.user.id, kind: 'decision.none', summary: '<img src=x onerror=alert(1)>', at: clock });
      const res = await app.inject({ url: '/activity', headers: { cookie: a.cookie } });
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    });
  });

  describe('the follow-ups page', () => {
    const week = { mon: [{ start: '09:00', end: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    let erin: { user: User; auth: { authorization: string } };
    let carol: { user: User; auth: { authorization: string } };
    let clientId: string;
    const idOf = async (userId: string, title: string) =>
      (await runtime.database.db.selectFrom('expectation_suggestions').select('id').where('user_id', '=', userId).where('title', '=', title).executeTakeFirstOrThrow()).id;
    const suggestion = (userId: string, n: number, o: Partial<NewSuggestion>): NewSuggestion => ({
      userId, accountId: `acct-${userId}`, providerMessageId: `msg-${n}`, threadId: `thread-${n}`, clientId: null, kind: 'deliverable', title: 'Feedback', party: 'client', dateText: 'Friday', dueAt: '2026-12-04T18:59:59.999Z', ...o,
    });

    beforeAll(async () => {
      const db = runtime.database.db;
      erin = await userWithToken(db, 'erin@example.test');
      carol = await userWithToken(db, 'carol@example.test');
      // Almaty is UTC+5 all year: 18:59:59 UTC is the end of that day there.
      expect((await app.inject({ method: 'PUT', url: '/api/settings', headers: erin.auth, payload: { timeZone: 'Asia/Almaty', week } })).statusCode).toBe(200);
      const client = await app.inject({ method: 'POST', url: '/api/clients', headers: erin.auth, payload: { name: 'Acme <b>Studio</b>', domains: ['acme.test'] } });
      expect(client.statusCode).toBe(201);
      clientId = client.json().client.id as string;
      await insertSuggestions(db, [
        suggestion(erin.user.id, 1, { clientId, title: 'I will send the <img src=x onerror=alert(1)> mock-ups by Friday.' }),
        suggestion(erin.user.id, 2, { clientId, kind: 'payment', title: 'We pay the invoice on Tuesday at 10:30.', dateText: 'Tuesday at 10:30', dueAt: '2026-12-01T10:30:00Z' }),
        suggestion(erin.user.id, 3, { title: 'Comments from a stranger by Friday.' }),
        suggestion(carol.user.id, 4, { title: 'Carol private commitment by Friday.' }),
      ], clock);
      const reminder = (userId: string, title: string, suggestedFollowUp: string | null) => ({
        kind: 'awaiting-client' as const, subject: `thread-${title}`, episode: clock.toISOString(), level: 2 as const, clientId: null, title, detail: 'You wrote on 2026-11-20.', suggestedFollowUp,
      });
      await insertReminder(db, erin.user.id, { ...reminder(erin.user.id, 'Acme hasn\'t answered "<script>alert(2)</script>"', 'Hi Anna, just checking in on the draft I sent.'), clientId }, clock);
      await insertReminder(db, carol.user.id, reminder(carol.user.id, 'Carol private reminder', 'Carol private follow-up'), clock);
    });

    it("shows the user's suggestions and reminders in their zone, escaped, and no one else's", async () => {
      const e = await signIn(erin.user);
      const res = await app.inject({ url: '/follow-ups', headers: { cookie: e.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<a href="/follow-ups" aria-current="page">Follow-ups</a>');
      expect(res.body).toContain('<script src="/static/follow-ups.js" defer></script>');
      // Suggestions: client, what, due date in Almaty (a whole day has no time), and both actions.
      expect(res.body).toContain('<strong>Acme &lt;b&gt;Studio&lt;/b&gt;</strong>');
      expect(res.body).toContain('I will send the &lt;img src=x onerror=alert(1)&gt; mock-ups by Friday.');
      expect(res.body).toContain('>Fri 4 Dec</time> <span class="muted">(in 5 days)</span>');
      expect(res.body).toContain('>Tue 1 Dec, 15:30</time> <span class="muted">(in 2 days)</span>');
      expect(res.body.indexOf('Tue 1 Dec, 15:30')).toBeLessThan(res.body.indexOf('Fri 4 Dec'));
      const id = await idOf(erin.user.id, 'We pay the invoice on Tuesday at 10:30.');
      expect(res.body).toContain(`data-url="/api/expectations/suggestions/${id}/accept"`);
      expect(res.body).toContain(`data-url="/api/expectations/suggestions/${id}/dismiss"`);
      // The stranger's commitment asks which client it is with.
      expect(res.body).toContain('<select name="clientId">');
      // The reminder, escaped, with its follow-up to copy and the promise that it is never sent.
      expect(res.body).toContain('Acme hasn&#39;t answered &quot;&lt;script&gt;alert(2)&lt;/script&gt;&quot;');
      expect(res.body).toContain('Hi Anna, just checking in on the draft I sent.');
      expect(res.body).toContain('Boundary never sends it for you');
      expect(res.body).toMatch(/<button type="button" class="icon" data-copy="text-[^"]+">Copy<\/button>/);
      expect(res.body).not.toContain('<img src=x');
      expect(res.body).not.toContain('<script>alert');
      expect(res.body).not.toContain('Carol private');
      const c = await signIn(carol.user);
      const other = await app.inject({ url: '/follow-ups', headers: { cookie: c.cookie } });
      expect(other.body).toContain('Carol private commitment');
      expect(other.body).toContain('Carol private follow-up');
      expect(other.body).not.toContain('Acme');
      expect(other.body).not.toContain('mock-ups');
    });

    it('accepts and dismisses through the API, and refuses another user with 404', async () => {
      const e = await signIn(erin.user);
      const c = await signIn(carol.user);
      const mockUps = await idOf(erin.user.id, 'I will send the <img src=x onerror=alert(1)> mock-ups by Friday.');
      const stranger = await idOf(erin.user.id, 'Comments from a stranger by Friday.');
      const reminderId = (await runtime.database.db.selectFrom('reminders').select('id').where('user_id', '=', erin.user.id).executeTakeFirstOrThrow()).id;
      const carolHeaders = { cookie: c.cookie, 'x-csrf-token': c.csrf };
      expect((await app.inject({ method: 'POST', url: `/api/expectations/suggestions/${mockUps}/accept`, headers: carolHeaders, payload: {} })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: `/api/expectations/suggestions/${stranger}/dismiss`, headers: carolHeaders })).statusCode).toBe(404);
      expect((await app.inject({ method: 'PATCH', url: `/api/reminders/${reminderId}`, headers: carolHeaders, payload: { status: 'done' } })).statusCode).toBe(404);
      expect((await app.inject({ url: '/follow-ups', headers: { cookie: e.cookie } })).body).toContain('mock-ups by Friday');

      const headers = { cookie: e.cookie, 'x-csrf-token': e.csrf };
      const accepted = await app.inject({ method: 'POST', url: `/api/expectations/suggestions/${mockUps}/accept`, headers, payload: {} });
      expect(accepted.statusCode).toBe(201);
      expect(accepted.json().expectation).toMatchObject({ title: 'I will send the <img src=x onerror=alert(1)> mock-ups by Friday.', dueAt: '2026-12-04T18:59:59.999Z' });
      // The form sends no client for a stranger until one is chosen: the API names the field.
      const unnamed = await app.inject({ method: 'POST', url: `/api/expectations/suggestions/${stranger}/accept`, headers, payload: {} });
      expect(unnamed.statusCode).toBe(400);
      expect(unnamed.json().issues[0].path).toBe('clientId');
      expect((await app.inject({ method: 'POST', url: `/api/expectations/suggestions/${stranger}/accept`, headers, payload: { clientId, dueAt: '2026-12-07' } })).statusCode).toBe(201);
      const payment = await idOf(erin.user.id, 'We pay the invoice on Tuesday at 10:30.');
      expect((await app.inject({ method: 'POST', url: `/api/expectations/suggestions/${payment}/dismiss`, headers })).statusCode).toBe(204);
      expect((await app.inject({ method: 'PATCH', url: `/api/reminders/${reminderId}`, headers, payload: { status: 'done' } })).statusCode).toBe(200);

      const expectations = (await app.inject({ url: `/api/clients/${clientId}/expectations`, headers: erin.auth })).json().expectations as Array<{ title: string }>;
      expect(expectations.map((x) => x.title).sort()).toEqual(['Comments from a stranger by Friday.', 'I will send the <img src=x onerror=alert(1)> mock-ups by Friday.']);
      // Everything handled: the short empty state, and Carol's items untouched.
      const done = await app.inject({ url: '/follow-ups', headers: { cookie: e.cookie } });
      expect(done.body).toContain("You're all caught up.");
      expect(done.body).not.toContain('mock-ups');
      expect(done.body).not.toContain('data-copy');
      expect((await app.inject({ url: '/follow-ups', headers: { cookie: c.cookie } })).body).toContain('Carol private commitment');
    });

    it("shows a client's page with the problem-client view and the way to end them, escaped, and no one else's", async () => {
      const e = await signIn(erin.user);
      const res = await app.inject({ url: `/clients/${clientId}`, headers: { cookie: e.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h2>Acme &lt;b&gt;Studio&lt;/b&gt;</h2>');
      expect(res.body).toContain('No mail from this client in the last twelve weeks.');
      expect(res.body).toContain(`data-url="/api/clients/${clientId}/end"`);
      expect(res.body).toContain('I am bringing our collaboration to a close.');
      expect(res.body).toContain('This client has no address yet');
      const c = await signIn(carol.user);
      const stranger = await app.inject({ url: `/clients/${clientId}`, headers: { cookie: c.cookie, accept: 'text/html' } });
      expect(stranger.statusCode).toBe(404);
      expect(stranger.body).toContain('No such client');
      expect(stranger.body).not.toContain('Acme');
    });

    it('greets a user with nothing to follow up with a short empty state', async () => {
      const { user } = await userWithToken(runtime.database.db, 'fresh@example.test');
      const f = await signIn(user);
      const res = await app.inject({ url: '/follow-ups', headers: { cookie: f.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("You're all caught up.");
      expect(res.body).not.toContain('Open reminders');
      expect(res.body).not.toContain('Dates found in your mail');
      expect(res.body).not.toMatch(/\b0 (reminders|suggestions)\b/);
    });

    it('sends visitors without a session to sign in', async () => {
      const res = await app.inject({ url: '/follow-ups' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/login');
    });
  });

  describe('POST /api/settings/preview', () => {
    const night = { timeZone: 'Europe/Tirane', name: 'Elira', week: { mon: [], tue: [], wed: [], thu: [], fri: [{ start: '22:00', end: '06:00' }], sat: [], sun: [] } };

    it('answers for an overnight shift without saving anything', async () => {
      // Saturday 02:00 in Tirana is inside Friday's night shift.
      const inside = await app.inject({ method: 'POST', url: '/api/settings/preview', headers: bob.auth, payload: { settings: night, at: '2026-11-28T01:00:00Z', clientZone: 'America/New_York' } });
      expect(inside.statusCode).toBe(200);
      expect(inside.json()).toMatchObject({ working: true, week: expect.stringContaining('22:00–06:00'), weekInClientZone: expect.stringContaining('16:00') });
      const after = await app.inject({ method: 'POST', url: '/api/settings/preview', headers: bob.auth, payload: { settings: night, at: '2026-11-28T06:00:00Z' } });
      expect(after.json()).toMatchObject({ working: false, nextWorkingStart: '2026-12-04T21:00:00.000Z' });
      expect(after.json().replySentence).toContain('22:00');
      expect(after.json().reply.text).toMatch(/^Hi Maria,/);
      const before = (await app.inject({ url: '/api/settings', headers: alice.auth })).json().version;
      await app.inject({ method: 'POST', url: '/api/settings/preview', headers: alice.auth, payload: { settings: night } });
      expect((await app.inject({ url: '/api/settings', headers: alice.auth })).json().version).toBe(before);
    });

    it('names each bad field', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/settings/preview', headers: bob.auth, payload: { settings: { ...night, timeZone: 'Mars/Olympus', week: { ...night.week, mon: [{ start: '25:00', end: '06:00' }] } } } });
      expect(res.statusCode).toBe(400);
      const paths = (res.json().issues as Array<{ path: string }>).map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['timeZone', 'week.mon[0].start']));
      const zone = await app.inject({ method: 'POST', url: '/api/settings/preview', headers: bob.auth, payload: { settings: night, clientZone: 'Nowhere/Land' } });
      expect(zone.statusCode).toBe(400);
      expect(zone.json().issues[0].path).toBe('clientZone');
    });
  });
});

describe('the session cookie over plain http', () => {
  // The runtime is set-up, built in the hook: a test's own time is the sign-in alone.
  let runtime: Runtime;
  let app: FastifyInstance;
  beforeAll(async () => {
    runtime = await testRuntime({ env: { PUBLIC_URL: 'http://localhost:3000' } });
    app = await buildServer(runtime);
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it('is not marked Secure, so a local install works', async () => {
    const { user } = await userWithToken(runtime.database.db, 'local@example.test');
    const { token } = signLoginLink(runtime.config.sessionSecret, user.email, new Date(), 15 * 60_000);
    const res = await app.inject({ method: 'POST', url: `/login/${token}` });
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
