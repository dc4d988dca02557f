import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGoogle, startGoogleService, until, type GoogleService } from '../../dev/support/google-service.js';
import { signLoginLink } from '../../src/auth/login-link.js';
import { composeDigest } from '../../src/pipeline/digest-build.js';
import { draftPaymentReminders } from '../../src/pipeline/payment-reminders.js';
import { setDrafting } from '../../src/storage/drafts.js';

/**
 * Issue 20 end to end, one client's story through the real service, workers, Redis and the Gmail
 * emulator: she skips the contract, asks for more pages at the same price, pays late and then asks
 * for new work. Each draft lands in the user's mailbox once; the digest and the client page tell it.
 */

let clock = new Date('2026-12-01T10:00:00Z'); // Tuesday 11:00 in Tirana
const now = () => clock;
const ME = 'elira@hoxha.studio';
const SCOPES = 'openid email https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/gmail.compose';
const nineToFive = [{ start: '09:00', end: '17:00' }];

describe("one client's relationship on the Gmail emulator", () => {
  let s: GoogleService;
  let clientId: string;
  let threadId: string;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.baseUrl}${path}`, { method, headers: { ...s.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, any>) };
  };
  const push = () => s.emulator.control.push(`${s.baseUrl}/webhooks/google/pubsub`, { emailAddress: ME, historyId: '1' }, { audience: `${s.baseUrl}/webhooks/google/pubsub` });
  const stored = (kind: string) => s.runtime.database.db.selectFrom('drafts').selectAll().where('kind', '=', kind).execute();
  const written = async (kind: string) => (await stored(kind)).filter((d) => d.state === 'written');
  /** The one draft of this kind, as it sits in the emulator's mailbox. */
  const inMailbox = async (kind: string) => {
    const [draft] = await written(kind);
    const message = s.emulator.control.drafts.message(draft!.provider_draft_id!)!;
    return { threadId: message.threadId, parsed: await simpleParser(message.raw) };
  };
  const fromAnna = async (body: string, n: number) => {
    await s.emulator.control.injectMessage({ from: 'Anna Berg <anna@acme.example>', to: [ME], subject: n === 1 ? 'Website' : 'Re: Website', body, ...(n === 1 ? {} : { threadId }), headers: { 'Message-ID': `<story-${n}@acme.example>` } }).then((m) => (threadId ??= m.threadId));
    await Promise.all([push(), push()]); // a duplicated notification must not double anything
  };

  beforeAll(async () => {
    s = await startGoogleService({ now, userAddress: ME, env: { GOOGLE_SCOPES: SCOPES } });
    expect((await call('PUT', '/api/settings', { timeZone: 'Europe/Tirane', name: 'Elira', week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, clientMode: 'external', gracePeriodMinutes: 0 })).status).toBe(200);
    const accountId = await connectGoogle(s);
    await setDrafting(s.runtime.database.db, accountId, true);
    clientId = (await call('POST', '/api/clients', { name: 'Acme', addresses: ['anna@acme.example'], language: 'en' })).body!.client.id;
    expect((await call('PUT', `/api/clients/${clientId}/scope`, { deliverables: ['5-page website'], revisionRounds: 2, rate: 100, currency: 'EUR', unit: 'page' })).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
  }, 60_000);

  it('drafts the contract request, the scope cost and the payment reminder once each, then tells the story in the digest and on the client page', async () => {
    // (a) No contract, let's just start: a contract-request draft in her thread.
    await fromAnna("No need for a contract, let's just start on Monday.", 1);
    await until(async () => (await written('contract-request')).length > 0);
    const request = await inMailbox('contract-request');
    expect(request.threadId).toBe(threadId);
    expect(request.parsed.inReplyTo).toBe('<story-1@acme.example>');

    // (b) Five more pages, same price: a draft stating the cost, in the same thread.
    clock = new Date('2026-12-02T10:00:00Z');
    await fromAnna('Can you add 5 more pages, same price?', 2);
    await until(async () => (await written('scope-cost')).length > 0);
    const cost = await inMailbox('scope-cost');
    expect(cost.threadId).toBe(threadId);
    expect(cost.parsed.inReplyTo).toBe('<story-2@acme.example>');
    expect(cost.parsed.text).toMatch(/5 × EUR\s100\.00 = EUR\s500\.00/);

    // (c) An invoice entered by hand, due Friday 4 December, unpaid a week later.
    expect((await call('POST', `/api/clients/${clientId}/invoices`, { reference: 'INV-1', amount: '1500', currency: 'EUR', issuedOn: '2026-12-01', dueOn: '2026-12-04' })).status).toBe(201);
    clock = new Date('2026-12-11T10:00:00Z');
    expect(await draftPaymentReminders(s.runtime.pipeline, s.userId, clock)).toBe(1);
    expect(await draftPaymentReminders(s.runtime.pipeline, s.userId, clock)).toBe(0); // the same day again
    await until(async () => (await written('payment-reminder')).length > 0);
    expect((await inMailbox('payment-reminder')).parsed.subject).toBe('Invoice INV-1: payment overdue');

    // Then she asks for new work.
    await fromAnna('Meanwhile, can you start on the new online shop project?', 3);
    await until(async () => ((await call('GET', '/api/activity?kind=money.new-work-while-unpaid')).body!.entries as unknown[]).length > 0);

    // Each draft exactly once, and nothing ever sent.
    for (const kind of ['contract-request', 'scope-cost', 'payment-reminder']) expect(await stored(kind)).toHaveLength(1);
    const subjects = await Promise.all([...s.emulator.control.state.drafts.keys()].map(async (id) => (await simpleParser(s.emulator.control.drafts.message(id)!.raw)).subject));
    expect(subjects.filter((x) => x === 'Invoice INV-1: payment overdue')).toHaveLength(1);
    expect(await s.emulator.control.sent()).toEqual([]);

    // The next morning's digest.
    clock = new Date('2026-12-12T07:00:00Z');
    const digest = await composeDigest(s.runtime.database.db, s.userId, '2026-12-12', clock);
    expect(digest.text).toContain('Acme: work is going on (3 messages in two weeks) with no contract.');
    expect(digest.text).toContain("they said: “No need for a contract");
    expect(digest.text).toContain('MONEY AND SCOPE');
    expect(digest.text).toContain('Acme asked for new work while an invoice is overdue');
    expect(digest.text).toMatch(/Invoice INV-1 to Acme \(1500\.00 EUR\) is \d+ days overdue/);

    // The client page, in a signed-in browser.
    const { token } = signLoginLink(s.runtime.config.sessionSecret, ME, clock, 15 * 60_000);
    const login = await fetch(`${s.baseUrl}/login/${token}`, { method: 'POST', redirect: 'manual' });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const page = await fetch(`${s.baseUrl}/clients/${clientId}`, { headers: { cookie }, redirect: 'manual' });
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('No contract</span>');
    expect(body).toContain('They said no contract was needed on');
    expect(body).toContain('1 request for work beyond the scope.');
    expect(body).toContain('<strong>INV-1</strong> 1500.00 EUR');
    expect(body).toMatch(/\d+ days overdue/);
  });
});
