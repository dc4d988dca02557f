import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLoginLink } from '../../src/auth/login-link.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { createUser } from '../../src/storage/users.js';
import { sharedServers, stopSharedServers } from '../contract/imap-harness.js';
import { mailServersMissing, type MailServers } from '../../dev/support/mail-servers.js';
import { testRuntime } from '../../dev/support/runtime.js';

/**
 * The Accounts page's "Connect another mailbox (IMAP)" form, over HTTP as the page's script sends
 * it (session cookie + CSRF header), against the real Dovecot and Postfix. Plus the bounds on what
 * connecting may make the service do: no internal targets, and attempts counted per user and source.
 */
const missing = mailServersMissing();
describe.skipIf(missing !== null)(`IMAP connect form${missing ? `: ${missing}` : ''}`, () => {
  let s: MailServers;
  let runtime: Runtime;
  let app: FastifyInstance;
  let source = 0;

  beforeAll(async () => {
    s = await sharedServers();
    runtime = await testRuntime({ env: { PUBLIC_URL: 'https://boundary.example', IMAP_EXTRA_CA: s.ca, IMAP_ALLOW_PRIVATE_HOSTS: 'true' } });
    app = await buildServer(runtime);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await stopSharedServers();
  }, 60_000);

  /** A new user signed in from its own address, with the CSRF token its Accounts page carries. */
  async function browser(remoteAddress = `198.51.100.${++source}`) {
    const user = await createUser(runtime.database.db, { email: `form-${randomBytes(3).toString('hex')}@boundary.test` });
    const { token } = signLoginLink(runtime.config.sessionSecret, user.email, new Date(), 15 * 60_000);
    const login = await app.inject({ method: 'POST', url: `/login/${token}`, remoteAddress });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const page = await app.inject({ url: '/accounts', headers: { cookie }, remoteAddress });
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec(page.body)![1]!;
    const post = (payload: object, headers: Record<string, string> = { 'x-csrf-token': csrf }) =>
      app.inject({ method: 'POST', url: '/api/accounts/imap', headers: { cookie, ...headers }, payload, remoteAddress });
    return { user, cookie, page: page.body, post, remoteAddress };
  }

  const servers = (host = '127.0.0.1') => ({ imap: { host, port: s.imapPort, secure: true }, smtp: { host, port: s.submissionPort, secure: true }, caldav: null });

  it('shows the form: app password advice, no app registration, every server field', async () => {
    const { page } = await browser();
    expect(page).toContain('Connect another mailbox (IMAP)');
    expect(page).toMatch(/Use an app password<\/strong> where your provider has them/);
    expect(page).toContain('IMAP needs no app registration');
    for (const name of ['address', 'password', 'username', 'imap.host', 'imap.port', 'imap.secure', 'smtp.host', 'smtp.port', 'smtp.secure', 'caldav']) expect(page).toContain(`name="${name}"`);
    expect(page).toContain('<script src="/static/imap-connect.js" defer></script>');
    expect((await app.inject({ url: '/static/imap-connect.js' })).statusCode).toBe(200);
  });

  it('fills the servers from discovery', async () => {
    const { cookie, remoteAddress } = await browser();
    const res = await app.inject({ url: '/api/accounts/imap/discover?address=someone@fastmail.com', headers: { cookie }, remoteAddress });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'table', imap: { host: 'imap.fastmail.com' }, smtp: { host: 'smtp.fastmail.com' }, appPasswordHint: expect.stringMatching(/App passwords/) });
  });

  it('round trip: refused without the CSRF token, a wrong password in plain words, then connected', async () => {
    const me = `form-box-${randomBytes(3).toString('hex')}@boundary.test`;
    const password = randomBytes(9).toString('base64url');
    await s.addUser(me, password);
    const b = await browser();
    expect((await b.post({ address: me, password, ...servers() }, {})).statusCode).toBe(403);

    const wrong = await b.post({ address: me, password: 'not-it', ...servers() });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ step: 'imap-login', message: expect.stringMatching(/refused the address and password.*app password/) });

    const ok = await b.post({ address: me, password, ...servers() });
    expect(ok.statusCode, ok.body).toBe(201);
    const { account } = ok.json() as { account: { id: string } };
    const after = await app.inject({ url: `/accounts?connected=${account.id}`, headers: { cookie: b.cookie }, remoteAddress: b.remoteAddress });
    expect(after.body).toContain(`Connected ${me}.`);
    expect(after.body).toMatch(new RegExp(`<strong>${me.replace(/[.]/g, '\\.')}</strong> <span class="muted">IMAP</span>`));
  }, 60_000);

  it('bad fields get plain words placed on their form fields, and nothing is saved', async () => {
    const b = await browser();
    const res = await b.post({ address: 'not an address', password: '', imap: { host: 'imap.example.com', port: 0, secure: true }, smtp: { host: 'smtp.example.com', port: 465, secure: true }, caldav: null });
    expect(res.statusCode).toBe(400);
    const { issues } = res.json() as { issues: Array<{ path: string; message: string }> };
    expect(Object.fromEntries(issues.map((i) => [i.path, i.message]))).toEqual({ address: 'must be a valid email', password: 'must not be empty', 'imap.port': 'must be at least 1' });
    for (const i of issues) expect(b.page).toMatch(new RegExp(`name="${i.path.replace('.', '\\.')}"`));
    const list = await app.inject({ url: '/api/accounts', headers: { cookie: b.cookie }, remoteAddress: b.remoteAddress });
    expect(list.json()).toEqual({ accounts: [] });
  });

  it('refuses link-local and metadata targets, even where private hosts are allowed', async () => {
    const b = await browser();
    const res = await b.post({ address: 'x@boundary.test', password: 'pw', ...servers('169.254.169.254') });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ step: 'server-address', message: 'The server 169.254.169.254 is at 169.254.169.254, a link-local, metadata or reserved address, which Boundary never connects to.' });
  });

  it('counts connection attempts per user, then per source address, with a plain answer', async () => {
    const attempt = (b: Awaited<ReturnType<typeof browser>>) => b.post({ address: 'x@boundary.test', password: 'pw', ...servers('169.254.169.254') });
    const first = await browser('203.0.113.7');
    for (let i = 0; i < 10; i++) expect((await attempt(first)).statusCode).toBe(400);
    const over = await attempt(first);
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.json().message).toMatch(/^Too many connection attempts for your account \(10 in 15 minutes\)\. Try again in \d+ minutes?\.$/);
    // Other users from the same address: together they reach the per-source limit (refused ones don't count).
    for (const other of [await browser('203.0.113.7'), await browser('203.0.113.7')]) {
      for (let i = 0; i < 10; i++) expect((await attempt(other)).statusCode).toBe(400);
    }
    const blocked = await attempt(await browser('203.0.113.7'));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toMatch(/from your network address \(30 in 15 minutes\)/);
    // Someone elsewhere is not affected.
    expect((await attempt(await browser('203.0.113.8'))).statusCode).toBe(400);
  });
});
