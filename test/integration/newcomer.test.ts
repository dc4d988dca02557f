import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLoginLink } from '../../src/auth/login-link.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** What a newcomer meets first: tokens, the settings API's shape, errors in words, pages for people. */
describe('the first hour, through the HTTP stack', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let auth: { authorization: string };
  let session: { cookie: string; 'x-csrf-token': string };

  beforeAll(async () => {
    runtime = await testRuntime({ env: { PUBLIC_URL: 'http://localhost:3000' } });
    app = await buildServer(runtime);
    ({ auth } = await userWithToken(runtime.database.db, 'ana@example.com'));
    const { token } = signLoginLink(runtime.config.sessionSecret, 'ana@example.com', new Date(), 60_000);
    const signIn = await app.inject({ method: 'POST', url: `/login/${token}` });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const page = await app.inject({ url: '/account', headers: { cookie } });
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1]!;
    session = { cookie, 'x-csrf-token': csrf };
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it('makes a named token that expires, lists it with its last use, and revokes it', async () => {
    const made = await app.inject({ method: 'POST', url: '/api/tokens', headers: session, payload: { name: 'laptop', expiresInDays: 30 } });
    expect(made.statusCode, made.body).toBe(201);
    const { token, id } = made.json() as { token: string; id: string };
    expect((await app.inject({ url: '/api/settings', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    const list = (await app.inject({ url: '/api/tokens', headers: auth })).json().tokens as Array<{ id: string; name: string; lastUsedAt: string | null; expiresAt: string | null }>;
    const mine = list.find((t) => t.id === id)!;
    expect(mine).toMatchObject({ name: 'laptop' });
    expect(mine.lastUsedAt).not.toBeNull();
    expect(Date.parse(mine.expiresAt!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(JSON.stringify(list)).not.toContain(token);
    const page = await app.inject({ url: '/account', headers: { cookie: session.cookie } });
    expect(page.body).toContain('Personal API tokens');
    expect(page.body).toContain('laptop');
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: session })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/settings', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('does not let a token make another token', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/tokens', headers: auth, payload: { name: 'sneaky' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().message).toContain('a token cannot make another');
  });

  it('takes back what GET /api/settings returns, checks its version, and patches one field', async () => {
    const read = (await app.inject({ url: '/api/settings', headers: auth })).json();
    const saved = await app.inject({ method: 'PUT', url: '/api/settings', headers: auth, payload: { ...read, settings: { ...read.settings, name: 'Ana' } } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(read.version + 1);
    const stale = await app.inject({ method: 'PUT', url: '/api/settings', headers: auth, payload: { ...read, settings: { ...read.settings, name: 'Old' } } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'version_conflict' });
    const patched = await app.inject({ method: 'PATCH', url: '/api/settings', headers: auth, payload: { name: 'Ana Kovač' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().settings).toMatchObject({ name: 'Ana Kovač', timeZone: read.settings.timeZone });
    const replies = await app.inject({ url: '/replies', headers: { cookie: session.cookie } });
    expect(replies.body).toContain('value="Ana Kovač"');
  });

  it('answers malformed JSON and a bogus filter with its own codes and words', async () => {
    const bad = await app.inject({ method: 'PUT', url: '/api/settings', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"timeZone": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_json');
    expect(bad.body).not.toContain('FST_');
    const kind = await app.inject({ url: '/api/activity?kind=bogus', headers: auth });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().issues[0]).toMatchObject({ path: 'kind' });
    const backwards = await app.inject({ url: '/api/activity?from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z', headers: auth });
    expect(backwards.json().issues[0]).toMatchObject({ path: 'to' });
    const limit = await app.inject({ url: '/api/activity?limit=0', headers: auth });
    expect(limit.json().issues).toEqual([{ path: 'limit', message: 'must be at least 1' }]);
  });

  it('gives browsers pages, not JSON: 404, the queue dashboard without rights, the favicon, /docs under its own CSP', async () => {
    const missing = await app.inject({ url: '/no-such-page', headers: BROWSER });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/text\/html/);
    expect(missing.body).toContain('Page not found');
    expect((await app.inject({ url: '/no-such-page' })).json().error).toBe('not_found');
    expect((await app.inject({ url: '/api/nothing', headers: BROWSER })).json().error).toBe('not_found');
    const icon = await app.inject({ url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toMatch(/image\/svg\+xml/);
    const docs = await app.inject({ url: '/docs/static/index.html', headers: BROWSER });
    expect(String(docs.headers['content-security-policy'])).toContain("style-src 'self' 'unsafe-inline'");
    const page = await app.inject({ url: '/accounts', headers: { cookie: session.cookie } });
    expect(String(page.headers['content-security-policy'])).not.toContain('unsafe-inline');
  });

  it('says when the Activity "to" date is before "from"', async () => {
    const page = await app.inject({ url: '/activity?from=2026-11-20&to=2026-11-10', headers: { cookie: session.cookie } });
    expect(page.body).toContain('The "To" date (2026-11-10) is before the "From" date (2026-11-20)');
  });
});
