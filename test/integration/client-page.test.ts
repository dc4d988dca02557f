import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';
import { signLoginLink } from '../../src/auth/login-link.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import type { User } from '../../src/storage/users.js';

const clock = new Date('2026-12-20T10:00:00Z');

/** The client page over inject, as a browser uses it: session cookie, CSRF token, JSON forms. */
describe('the client page', () => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let ana: { user: User; auth: { authorization: string } };
  let browser: { cookie: string; csrf: string };
  let clientId: string;
  let othersClientId: string;

  const send = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload: unknown, csrf = browser.csrf) =>
    app.inject({ method, url, headers: { cookie: browser.cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
  const page = () => app.inject({ url: `/clients/${clientId}`, headers: { cookie: browser.cookie } });

  beforeAll(async () => {
    runtime = await testRuntime({ now: () => clock });
    app = await buildServer(runtime);
    ana = await userWithToken(runtime.database.db, 'ana@studio.example');
    const bob = await userWithToken(runtime.database.db, 'bob@studio.example');
    const make = async (auth: { authorization: string }, name: string) =>
      JSON.parse((await app.inject({ method: 'POST', url: '/api/clients', headers: auth, payload: { name, addresses: ['anna@acme.example'] } })).body).client.id as string;
    clientId = await make(ana.auth, 'Acme <b>Studio</b>');
    othersClientId = await make(bob.auth, 'Bob client');
    const { token } = signLoginLink(runtime.config.sessionSecret, ana.user.email, clock, 15 * 60_000);
    const res = await app.inject({ method: 'POST', url: `/login/${token}`, remoteAddress: '198.51.100.7' });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const csrf = /<meta name="csrf-token" content="([^"]+)">/.exec((await app.inject({ url: '/clients', headers: { cookie } })).body)![1]!;
    browser = { cookie, csrf };
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it('is linked from the clients list and shows every section, escaped', async () => {
    expect((await app.inject({ url: '/clients', headers: { cookie: browser.cookie } })).body).toContain(`<a href="/clients/${clientId}">Acme &lt;b&gt;Studio&lt;/b&gt;</a>`);
    const res = await page();
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h2>Acme &lt;b&gt;Studio&lt;/b&gt;</h2>');
    for (const id of ['agreements', 'scope', 'contract', 'invoices', 'recaps']) expect(res.body).toContain(`id="${id}"`);
    expect(res.body).toContain(`data-method="PUT" data-url="/api/clients/${clientId}/scope"`);
    expect(res.body).toContain(`data-method="POST" data-url="/api/clients/${clientId}/invoices"`);
    expect(res.body).toContain(`data-method="POST" data-url="/api/clients/${clientId}/expectations"`);
    expect(res.body).toContain('<option value="revision-limit">Revision limit</option>');
  });

  it("answers 404 for someone else's client, and for a signed-out visitor goes to sign-in", async () => {
    expect((await app.inject({ url: `/clients/${othersClientId}`, headers: { cookie: browser.cookie } })).statusCode).toBe(404);
    const out = await app.inject({ url: `/clients/${clientId}` });
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/login');
  });

  it('saves the scope, and a bad value is refused beside its field with nothing lost', async () => {
    expect((await send('PUT', `/api/clients/${clientId}/scope`, { deliverables: ['Home page', 'Logo'], revisionRounds: 2, rate: '45.5', currency: 'eur', unit: 'hour' })).statusCode).toBe(200);
    const bad = await send('PUT', `/api/clients/${clientId}/scope`, { deliverables: [], rate: 'lots', currency: 'EUR', unit: 'hour' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).issues).toEqual([{ path: 'rate', message: 'expected an amount greater than 0, e.g. 45 or 45.50' }]);
    expect((await send('PUT', `/api/clients/${clientId}/scope`, { rate: 40 }, 'not-the-token')).statusCode).toBe(403);
    const body = (await page()).body;
    expect(body).toContain('Home page\nLogo</textarea>');
    expect(body).toContain('name="rate" inputmode="decimal" value="45.50"');
    expect(body).toContain('<option value="hour" selected>hour</option>');
  });

  it('adds, edits and marks an invoice paid; a second one with the same reference is refused', async () => {
    const created = await send('POST', `/api/clients/${clientId}/invoices`, { reference: 'INV-1', amount: '1200', currency: 'EUR', issuedOn: '2026-12-01', dueOn: '2026-12-10' });
    expect(created.statusCode).toBe(201);
    const id = JSON.parse(created.body).invoice.id as string;
    expect((await page()).body).toContain('10 days overdue');
    const again = await send('POST', `/api/clients/${clientId}/invoices`, { reference: 'INV-1', amount: '5', currency: 'EUR', dueOn: '2026-12-30' });
    expect(again.statusCode).toBe(409);
    expect(JSON.parse(again.body).issues).toEqual([{ path: 'reference', message: 'already used for this client' }]);
    const badDate = await send('PATCH', `/api/clients/${clientId}/invoices/${id}`, { dueOn: '2026-11-01' });
    expect(JSON.parse(badDate.body).issues).toEqual([{ path: 'dueOn', message: 'the due date is before the invoice date' }]);
    expect((await send('PATCH', `/api/clients/${clientId}/invoices/${id}`, { amount: '1250.00' })).statusCode).toBe(200);
    const body = (await page()).body;
    expect(body).toContain('<strong>INV-1</strong> 1250.00 EUR');
    expect(body).toContain(`data-body='{&quot;paidOn&quot;:&quot;2026-12-20&quot;}'`);
    expect((await send('PATCH', `/api/clients/${clientId}/invoices/${id}`, { paidOn: '2026-12-20' })).statusCode).toBe(200);
    expect((await page()).body).toContain('paid 2026-12-20 (late)');
  });

  it('creates and edits every agreement kind on the page, with the errors beside the fields', async () => {
    const missing = await send('POST', `/api/clients/${clientId}/expectations`, { kind: 'revision-limit', title: 'Two rounds', party: 'client' });
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(missing.body).issues).toEqual([{ path: 'params.limit', message: 'a revision-limit expectation needs the number of rounds' }]);
    const made = await send('POST', `/api/clients/${clientId}/expectations`, { kind: 'revision-limit', title: 'Two rounds', party: 'client', params: { limit: 2 } });
    expect(made.statusCode).toBe(201);
    const id = JSON.parse(made.body).expectation.id as string;
    expect((await send('POST', `/api/clients/${clientId}/expectations`, { kind: 'deliverable', title: 'Homepage', party: 'user', dueAt: '2026-12-24' })).statusCode).toBe(201);
    expect((await send('PATCH', `/api/clients/${clientId}/expectations/${id}`, { params: { used: 3 } })).statusCode).toBe(200);
    const body = (await page()).body;
    expect(body).toContain('<strong>Two rounds</strong> <span class="badge">Revision limit</span> <span class="badge badge-broken">broken</span>');
    expect(body).toContain(`data-method="PATCH" data-url="/api/clients/${clientId}/expectations/${id}"`);
    expect(body).toContain('name="dueAt" type="date" value="2026-12-24"');
  });
});
