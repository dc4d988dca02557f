import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGoogle, startGoogleService, until, type GoogleService } from '../../dev/support/google-service.js';
import { setDrafting } from '../../src/storage/drafts.js';

/**
 * Ending a client through the real service, workers, Redis and the Google emulator: what is open is
 * listed first, the closing note becomes a draft in the client's language (never sent), and from
 * then on the client's mail is logged but never auto-replied, even in external mode.
 */

// Saturday 28 November 2026, 21:00 in Tirana: after hours, when a client would get a reply.
const clock = new Date('2026-11-28T20:00:00Z');
const now = () => clock;
const ME = 'elira@hoxha.studio';
const SCOPES = 'openid email https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/gmail.compose';
const nineToFive = [{ start: '09:00', end: '17:00' }];

describe('ending a client', () => {
  let s: GoogleService;
  let accountId: string;
  let clientId: string;
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${s.baseUrl}${path}`, { method, headers: { ...s.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, body: (res.status === 204 ? null : await res.json()) as Record<string, any> };
  };
  const push = () => s.emulator.control.push(`${s.baseUrl}/webhooks/google/pubsub`, { emailAddress: ME, historyId: '1' }, { audience: `${s.baseUrl}/webhooks/google/pubsub` });
  const decisionOf = (ref: string) => until(async () => (await api('GET', `/api/activity?ref=${encodeURIComponent(ref)}`)).body.entries.find((e: { kind: string }) => e.kind.startsWith('decision.')));

  beforeAll(async () => {
    s = await startGoogleService({ now, userAddress: ME, env: { GOOGLE_SCOPES: SCOPES } });
    const settings = { timeZone: 'Europe/Tirane', name: 'Elira', week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }, holidays: { enabled: false }, clientMode: 'external', gracePeriodMinutes: 0 };
    expect((await api('PUT', '/api/settings', settings)).status).toBe(200);
    accountId = await connectGoogle(s);
    expect((await api('PUT', `/api/accounts/${accountId}/sending`, { sending: true })).status).toBe(200);
    await setDrafting(s.runtime.database.db, accountId, true);
    const created = await api('POST', '/api/clients', { name: 'Acme', domains: ['acme.example'], language: 'sq' });
    clientId = created.body.client.id;
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
  }, 60_000);

  it('rejects an unknown status with a clear error, and sends ending through its own step', async () => {
    const bad = await api('POST', '/api/clients', { name: 'Beta', domains: ['beta.example'], status: 'gone' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/status.*must be one of 'active', 'paused', 'ended'/);
    expect((await api('POST', `/api/clients/${clientId}/status`, { status: 'ended' })).body.message).toMatch(/POST \/api\/clients\/:id\/end/);
    expect((await api('POST', `/api/clients/${clientId}/status`, { status: 'archived' })).status).toBe(400);
  });

  it('answers the client while active, then lists what is open, drafts the note, and never auto-replies again', async () => {
    await s.emulator.control.injectMessage({ from: 'Tomás Ruiz <tomas@acme.example>', to: [ME], subject: 'Logo files', headers: { 'Message-ID': '<before@acme.example>' } });
    await push();
    expect((await decisionOf('<before@acme.example>')).kind).toBe('decision.auto-reply');
    await until(async () => (await s.emulator.control.sent()).length === 1);

    const expectation = await api('POST', `/api/clients/${clientId}/expectations`, { kind: 'deliverable', title: 'Final logo pack', party: 'user', dueAt: '2026-12-04T16:00:00Z' });
    expect(expectation.status).toBe(201);
    const plan = await api('GET', `/api/clients/${clientId}/ending`);
    expect(plan.status).toBe(200);
    expect(plan.body.openItems).toEqual([expect.objectContaining({ owedBy: 'you', kind: 'deliverable', title: 'Final logo pack' })]);
    expect(plan.body.note).toMatchObject({ to: 'tomas@acme.example', language: 'sq', subject: 'Përmbyllja e bashkëpunimit tonë' });
    expect(plan.body.note.text).toContain('- Final logo pack (deri më 4 dhjetor 2026)');
    expect(plan.body.client.status ?? 'active').toBe('active'); // looking changes nothing

    const ended = await api('POST', `/api/clients/${clientId}/end`);
    expect(ended.body).toMatchObject({ draft: 'queued', client: { status: 'ended' } });
    expect((await api('POST', `/api/clients/${clientId}/end`)).body.draft).toBe('exists'); // a second click drafts nothing more
    // The first mail from this new client also left a first-contact note among the drafts.
    const closing = await until(async () => (await s.runtime.database.db.selectFrom('drafts').select(['kind', 'provider_draft_id']).where('kind', '=', 'closing-note').executeTakeFirst())?.provider_draft_id);
    const note = await simpleParser(s.emulator.control.drafts.message(closing!)!.raw);
    expect(note.subject).toBe('Përmbyllja e bashkëpunimit tonë');
    expect(note.text).toContain('Final logo pack');

    // A new address at the client's domain: without the status it would be a fresh sender, answered.
    // It asks for more work and decides something: an active client's mail would be drafted for.
    await s.emulator.control.injectMessage({ from: 'Ana <ana@acme.example>', to: [ME], subject: "One more thing: let's go with option B, and can you also add 5 more pages?", headers: { 'Message-ID': '<after@acme.example>' } });
    await push();
    const decision = await decisionOf('<after@acme.example>');
    expect(decision.kind).toBe('decision.notify-only');
    expect(decision.reasons[0].code).toBe('client-ended');
    const logged = await s.runtime.database.db.selectFrom('messages').select(['client_id', 'direction', 'provider_message_id']).where('message_id', '=', '<after@acme.example>').executeTakeFirst();
    expect(logged).toMatchObject({ client_id: clientId, direction: 'in' });
    expect(await s.emulator.control.sent()).toHaveLength(1); // only the reply from before the end
    const db = s.runtime.database.db;
    await until(async () => (await db.selectFrom('decisions').select('reacted_at').where('provider_message_id', '=', logged!.provider_message_id).executeTakeFirst())?.reacted_at);
    expect((await db.selectFrom('drafts').select('kind').orderBy('created_at').execute()).map((d) => d.kind)).toEqual(['first-contact', 'closing-note']);
    const activity = await api('GET', '/api/activity?kind=client.ended');
    expect(activity.body.entries[0].summary).toMatch(/You ended Acme.*1 item still open \(1 yours\)/);
  });
});
