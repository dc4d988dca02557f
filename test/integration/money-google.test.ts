import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGoogle, startGoogleService, until, type GoogleService } from '../../dev/support/google-service.js';
import { composeDigest } from '../../src/pipeline/digest-build.js';
import { draftPaymentReminders } from '../../src/pipeline/payment-reminders.js';
import { refreshUserSentMail } from '../../src/pipeline/sent-mail.js';
import { setDrafting } from '../../src/storage/drafts.js';

/**
 * A client who asks for extra pages and pays late, through the real service, workers, Redis and
 * the Gmail emulator: the drafts land in the user's mailbox once each, and nothing is sent.
 */

let clock = new Date('2026-12-01T10:00:00Z'); // Tuesday 11:00 in Tirana
const now = () => clock;
const ME = 'elira@hoxha.studio';
const SCOPES = 'openid email https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/gmail.compose';

describe('money and scope on the Gmail emulator', () => {
  let s: GoogleService;
  let accountId: string;
  let clientId: string;
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.baseUrl}${path}`, { method, headers: { ...s.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, any>) };
  };
  const push = () => s.emulator.control.push(`${s.baseUrl}/webhooks/google/pubsub`, { emailAddress: ME, historyId: '1' }, { audience: `${s.baseUrl}/webhooks/google/pubsub` });
  const mailboxDrafts = async () => Promise.all([...s.emulator.control.state.drafts.keys()].map(async (id) => simpleParser(s.emulator.control.drafts.message(id)!.raw)));
  const written = (kind: string) => s.runtime.database.db.selectFrom('drafts').select(['state', 'dedupe_key']).where('kind', '=', kind).where('state', '=', 'written').execute();
  const activity = async (kind: string) => {
    const res = await call('GET', `/api/activity?kind=${kind}`);
    expect(res.status).toBe(200);
    return res.body!.entries as Array<{ summary: string }>;
  };

  beforeAll(async () => {
    s = await startGoogleService({ now, userAddress: ME, env: { GOOGLE_SCOPES: SCOPES } });
    expect((await call('PUT', '/api/settings', { timeZone: 'Europe/Tirane', name: 'Elira', week: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }], sat: [], sun: [] }, clientMode: 'external', gracePeriodMinutes: 0, firstContact: { mode: 'off' } })).status).toBe(200); // this file is about money: no first-contact notes among the drafts
    accountId = await connectGoogle(s);
    await setDrafting(s.runtime.database.db, accountId, true);
    const client = await call('POST', '/api/clients', { name: 'Acme', addresses: ['anna@acme.example'], language: 'en' });
    clientId = client.body!.client.id;
    expect((await call('PUT', `/api/clients/${clientId}/scope`, { deliverables: ['5-page website'], revisionRounds: 2, rate: 100, currency: 'EUR', unit: 'page' })).status).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
  }, 60_000);

  it('drafts a reply stating the cost once when the client asks for extra pages', async () => {
    const { threadId } = await s.emulator.control.injectMessage({ from: 'Anna Berg <anna@acme.example>', to: [ME], subject: 'Website', body: 'Could you add 5 more pages, same price? Thanks!', headers: { 'Message-ID': '<pages-1@acme.example>' } });
    await Promise.all([push(), push()]);
    await until(async () => (await written('scope-cost')).length > 0);
    await push(); // another notification for the same mail
    const drafts = await until(async () => {
      const all = await mailboxDrafts();
      return all.length > 0 && all;
    });
    expect(drafts).toHaveLength(1);
    const draft = drafts[0]!;
    expect(draft.subject).toBe('Re: Website');
    expect(draft.inReplyTo).toBe('<pages-1@acme.example>');
    expect(draft.text).toContain('Hello Anna Berg,');
    expect(draft.text).toMatch(/5 × EUR\s100\.00 = EUR\s500\.00/);
    expect(draft.text).toContain('outside the scope we agreed');
    expect(s.emulator.control.drafts.message([...s.emulator.control.state.drafts.keys()][0]!)!.threadId).toBe(threadId);
    expect(await s.emulator.control.sent()).toEqual([]);
    const money = (await call('GET', `/api/clients/${clientId}/money`)).body!;
    expect(money.extraWorkRequests).toBe(1);
    expect((await activity('money.extra-work'))[0]!.summary).toContain('Acme asks for more than the agreed work');
  });

  it('counts revision rounds from the mail, and drafts only for the round past the included two', async () => {
    const round = async (n: number) => {
      clock = new Date(clock.getTime() + 3_600_000);
      await s.emulator.control.injectMessage({ from: 'Anna Berg <anna@acme.example>', to: [ME], subject: `Feedback ${n}`, body: 'Please change the colours of the header.', headers: { 'Message-ID': `<rev-${n}@acme.example>` } });
      await push();
      await until(async () => (await activity('money.revision')).length >= n);
      clock = new Date(clock.getTime() + 3_600_000);
      await s.emulator.control.injectSentMessage({ from: ME, to: ['anna@acme.example'], subject: `Re: Feedback ${n}`, body: 'Here is the new version.' });
      await refreshUserSentMail(s.runtime.pipeline, s.userId);
    };
    await round(1);
    await round(2);
    expect((await call('GET', `/api/clients/${clientId}/money`)).body!.revisionRound).toBe(2);
    expect(await written('scope-cost')).toHaveLength(1); // only the extra pages so far
    await round(3);
    const money = (await call('GET', `/api/clients/${clientId}/money`)).body!;
    expect(money).toMatchObject({ revisionRound: 3, includedRounds: 2 });
    await until(async () => (await written('scope-cost')).length === 2);
    const draft = (await mailboxDrafts()).find((d) => d.subject === 'Re: Feedback 3')!;
    expect(draft.text).toContain('This would be revision round 3, and our agreement includes 2');
    expect((await activity('money.revision'))[0]!.summary).toContain('Revision round 3 of 2 included: beyond what was agreed');
  });

  it("drafts a payment reminder at each stage, once each, on the user's calendar days", async () => {
    const created = await call('POST', `/api/clients/${clientId}/invoices`, { reference: 'INV-7', amount: '1200', currency: 'EUR', issuedOn: '2026-12-01', dueOn: '2026-12-10' });
    expect(created.status).toBe(201);
    const invoiceId = created.body!.invoice.id;
    const run = async (iso: string) => {
      clock = new Date(iso);
      return draftPaymentReminders(s.runtime.pipeline, s.userId, clock);
    };
    expect(await run('2026-12-06T10:00:00Z')).toBe(0); // four days ahead
    expect(await run('2026-12-07T10:00:00Z')).toBe(1); // three days ahead
    expect(await run('2026-12-07T15:00:00Z')).toBe(0); // the same day again
    expect(await run('2026-12-10T08:00:00Z')).toBe(1); // the day it is due (09:00 in Tirana)
    expect(await run('2026-12-16T10:00:00Z')).toBe(0);
    expect(await run('2026-12-17T10:00:00Z')).toBe(1); // a week late
    expect(await run('2027-01-09T10:00:00Z')).toBe(1); // thirty days late
    expect(await run('2027-01-20T10:00:00Z')).toBe(0);
    await until(async () => (await written('payment-reminder')).length === 4);
    const subjects = (await mailboxDrafts()).map((d) => d.subject).filter((x) => x?.includes('INV-7'));
    expect(subjects.sort()).toEqual(['Invoice INV-7 is due today', 'Invoice INV-7: due on 10 December 2026', 'Invoice INV-7: over 30 days overdue', 'Invoice INV-7: payment overdue']);
    const invoice = (await call('GET', `/api/clients/${clientId}/money`)).body!.invoices.find((i: { id: string }) => i.id === invoiceId);
    expect(invoice.reminders.map((r: { stage: string }) => r.stage)).toEqual(['before', 'due', 'late-7', 'late-30']);
    expect(invoice.overdue).toBe(true);
    expect(await s.emulator.control.sent()).toEqual([]);
  });

  it('warns when the client with an overdue invoice asks for new work, in Activity and the digest', async () => {
    await s.emulator.control.injectMessage({ from: 'Anna Berg <anna@acme.example>', to: [ME], subject: 'Next up', body: "I'll pay next month; meanwhile can you start on the new project?", headers: { 'Message-ID': '<new-1@acme.example>' } });
    await push();
    const warning = await until(async () => (await activity('money.new-work-while-unpaid'))[0]);
    expect(warning.summary).toContain('Acme asks for new work');
    const digest = await composeDigest(s.runtime.database.db, s.userId, '2027-01-21', new Date('2027-01-21T07:00:00Z'));
    expect(digest.text).toContain('MONEY AND SCOPE');
    expect(digest.text).toContain('Acme asked for new work while an invoice is overdue');
    expect(digest.text).toMatch(/Invoice INV-7 to Acme \(1200\.00 EUR\) is 4\d days overdue/);
  });

  it('suggests an invoice from the user\'s own sent mail, for the user to confirm', async () => {
    await s.emulator.control.injectSentMessage({ from: ME, to: ['anna@acme.example'], subject: 'Invoice INV-8', body: 'Hi Anna, here is invoice INV-8 for EUR 800, due 15 February 2027.' });
    await refreshUserSentMail(s.runtime.pipeline, s.userId); // as before every follow-up scan
    const suggested = await until(async () => (await call('GET', '/api/invoices')).body!.invoices.find((i: { reference: string }) => i.reference === 'INV-8'));
    expect(suggested).toMatchObject({ status: 'suggested', amount: '800.00', currency: 'EUR', dueOn: '2027-02-15', source: 'mail' });
    await refreshUserSentMail(s.runtime.pipeline, s.userId); // read again: still one
    expect((await call('GET', '/api/invoices')).body!.invoices.filter((i: { reference: string }) => i.reference === 'INV-8')).toHaveLength(1);
    const confirmed = await call('PATCH', `/api/clients/${clientId}/invoices/${suggested.id}`, { status: 'open' });
    expect(confirmed.body!.invoice.status).toBe('open');
  });
});
