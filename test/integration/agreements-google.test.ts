import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGoogle, startGoogleService, until, type GoogleService } from '../../dev/support/google-service.js';
import { composeDigest } from '../../src/pipeline/digest-build.js';
import { setDrafting } from '../../src/storage/drafts.js';

/**
 * Issue 20 through the real service, workers, Redis and the Gmail emulator: a client who would
 * rather skip the contract gets a polite contract-request draft in the user's mailbox (once), the
 * digest flags the work going on without a signed contract, and the client API shows its status.
 */

// Wednesday 25 November 2026, 22:00 in Tirana: after hours.
let clock = new Date('2026-11-25T21:00:00Z');
const now = () => clock;
const ME = 'elira@hoxha.studio';
const SCOPES = 'openid email https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/gmail.compose';
const nineToFive = [{ start: '09:00', end: '17:00' }];

describe('contracts and first contact through the Gmail emulator', () => {
  let s: GoogleService;
  let accountId: string;
  let clientId: string;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.baseUrl}${path}`, { method, headers: { ...s.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>) };
  };
  const push = () => s.emulator.control.push(`${s.baseUrl}/webhooks/google/pubsub`, { emailAddress: ME, historyId: '1' }, { audience: `${s.baseUrl}/webhooks/google/pubsub` });
  const draftsOfKind = async (kind: string) => s.runtime.database.db.selectFrom('drafts').selectAll().where('kind', '=', kind).execute();

  beforeAll(async () => {
    s = await startGoogleService({ now, userAddress: ME, env: { GOOGLE_SCOPES: SCOPES } });
    expect((await api('PUT', '/api/settings', { timeZone: 'Europe/Tirane', name: 'Elira', week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, clientMode: 'external', gracePeriodMinutes: 0, paymentTerms: 'half up front, the rest within 14 days' })).status).toBe(200);
    const created = await api('POST', '/api/clients', { name: 'Drita Shop', addresses: ['drita@shop.example'], language: 'sq' });
    expect(created.status).toBe(201);
    clientId = (created.body!.client as { id: string }).id;
    accountId = await connectGoogle(s);
    await setDrafting(s.runtime.database.db, accountId, true);
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
  }, 60_000);

  it('a new client refusing a contract gets a first-contact note and one contract-request draft, in Albanian', async () => {
    const { threadId } = await s.emulator.control.injectMessage({ from: 'Drita Berisha <drita@shop.example>', to: [ME], subject: 'Dyqani online', body: "S'ka nevojë për kontratë, le të fillojmë të hënën.", headers: { 'Message-ID': '<refuse-1@shop.example>' } });
    expect(await push()).toBe(204);
    const request = await until(async () => (await draftsOfKind('contract-request')).find((d) => d.state === 'written'));
    const stored = s.emulator.control.drafts.message(request.provider_draft_id!)!;
    expect(stored.threadId).toBe(threadId);
    const parsed = await simpleParser(stored.raw);
    expect(parsed.inReplyTo).toBe('<refuse-1@shop.example>');
    expect(parsed.text).toContain('marrëveshje të shkurtër të nënshkruar');
    expect(parsed.text).toMatch(/^Përshëndetje Drita,/);
    const note = await until(async () => (await draftsOfKind('first-contact')).find((d) => d.state === 'written'));
    expect((await simpleParser(s.emulator.control.drafts.message(note.provider_draft_id!)!.raw)).text).toContain('half up front, the rest within 14 days');
    const refused = (await api('GET', `/api/activity?kind=contract.refused`)).body!.entries as Array<{ summary: string }>;
    expect(refused[0]?.summary).toContain("S'ka nevojë për kontratë");

    // She says it again in a second message: no second request, no second note.
    clock = new Date('2026-11-25T21:30:00Z');
    await s.emulator.control.injectMessage({ from: 'Drita Berisha <drita@shop.example>', to: [ME], subject: 'Re: Dyqani online', body: 'Pa kontratë, ju lutem, është projekt i vogël.', threadId, headers: { 'Message-ID': '<refuse-2@shop.example>' } });
    await push();
    await until(async () => ((await api('GET', `/api/activity?ref=${encodeURIComponent('<refuse-2@shop.example>')}`)).body!.entries as unknown[]).length > 0);
    await until(async () => Boolean(await s.runtime.database.db.selectFrom('decisions').select('id').where('provider_message_id', 'in', s.runtime.database.db.selectFrom('messages').select('provider_message_id').where('message_id', '=', '<refuse-2@shop.example>')).where('reacted_at', 'is not', null).executeTakeFirst()));
    expect(await draftsOfKind('contract-request')).toHaveLength(1);
    expect(await draftsOfKind('first-contact')).toHaveLength(1);
    expect(await s.emulator.control.sent()).toEqual([]); // preview mode: and Boundary never sends drafts
  });

  it('the client API shows the contract status, with the refusal; setting it by hand is validated', async () => {
    const before = await api('GET', `/api/clients/${clientId}/contract`);
    expect(before.body!.contract).toMatchObject({ status: 'none', refusal: "S'ka nevojë për kontratë" });
    const bad = await api('PUT', `/api/clients/${clientId}/contract`, { status: 'signed', signedAt: '2027-03-01' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('signedAt');
    const sent = await api('PUT', `/api/clients/${clientId}/contract`, { status: 'sent', sentAt: '2026-11-25' });
    expect(sent.status).toBe(200);
    expect(sent.body!.contract).toMatchObject({ status: 'sent', sentAt: '2026-11-24T23:00:00.000Z' });
  });

  it('the digest flags the work going on without a signed contract', async () => {
    clock = new Date('2026-11-26T07:00:00Z');
    const digest = await composeDigest(s.runtime.database.db, s.userId, '2026-11-26', clock);
    expect(digest.text).toContain('Drita Shop: work is going on (2 messages in two weeks) with a contract sent on 25 Nov but not signed.');
    expect(await api('PUT', `/api/clients/${clientId}/contract`, { status: 'signed' })).toMatchObject({ status: 200 });
    const after = await composeDigest(s.runtime.database.db, s.userId, '2026-11-26', clock);
    expect(after.text).not.toContain('Drita Shop: work is going on');
  });
});
