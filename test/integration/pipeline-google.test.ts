import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshSentMail } from '../../src/pipeline/sent-mail.js';
import { getAccount } from '../../src/storage/accounts.js';
import { connectGoogle, GOOGLE_CLIENT, startGoogleService, until, type GoogleService } from '../../dev/support/google-service.js';

// Saturday 28 November 2026, 21:00 in Tirana: after hours and on a weekend.
let clock = new Date('2026-11-28T20:00:00Z');
const now = () => clock;
const CLIENT = 'Tomás Ruiz <tomas@acme.example>';
const ME = 'elira@hoxha.studio';

const settings = (gracePeriodMinutes: number) => ({
  timeZone: 'Europe/Tirane',
  name: 'Elira',
  week: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }], sat: [], sun: [] },
  holidays: { country: 'AL' },
  clientMode: 'external',
  gracePeriodMinutes,
  invitationPolicy: 'tentative-with-note',
});

describe('the pipeline against the Google emulator', () => {
  let s: GoogleService;
  let accountId: string;
  const push = () => s.emulator.control.push(`${s.baseUrl}/webhooks/google/pubsub`, { emailAddress: ME, historyId: '1' }, { audience: `${s.baseUrl}/webhooks/google/pubsub` });
  const activity = async (kind: string) => ((await (await fetch(`${s.baseUrl}/api/activity?kind=${kind}`, { headers: s.auth })).json()) as { entries: Array<{ summary: string; ref: string | null; reasons: Array<{ code: string }> }> }).entries;
  const put = (path: string, body: unknown) => fetch(`${s.baseUrl}${path}`, { method: 'PUT', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    s = await startGoogleService({ now });
    expect((await put('/api/settings', settings(0))).status).toBe(200);
    // Backlog: mail that is already in the mailbox when the account is connected.
    await s.emulator.control.injectMessage({ from: CLIENT, to: [ME], subject: 'Old thread from last week' });
    accountId = await connectGoogle(s);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('connects in preview mode, and previews instead of sending', async () => {
    const accounts = (await (await fetch(`${s.baseUrl}/api/accounts`, { headers: s.auth })).json()) as { accounts: Array<{ id: string; status: string; sending: boolean }> };
    expect(accounts.accounts).toEqual([expect.objectContaining({ id: accountId, status: 'preview', sending: false })]);
    await s.emulator.control.injectMessage({ from: CLIENT, to: [ME], subject: 'Quick question about the logo', headers: { 'Message-ID': '<preview-1@acme.example>' } });
    expect(await push()).toBe(204);
    const previews = await until(async () => (await activity('reply.preview')).length > 0 && activity('reply.preview'));
    expect(previews[0]!.summary).toMatch(/would have replied to tomas@acme.example/);
    expect(await s.emulator.control.sent()).toEqual([]);
    // The backlog message was never decided at all.
    const decided = await activity('decision.auto-reply');
    expect(decided.some((e) => e.summary.includes('Old thread'))).toBe(false);
  });

  it('sends exactly one polite, threaded reply to after-hours client mail once sending is on', async () => {
    expect((await put(`/api/accounts/${accountId}/sending`, { sending: true })).status).toBe(200);
    const { threadId } = await s.emulator.control.injectMessage({ from: CLIENT, to: [ME], subject: 'Can we talk tonight?', headers: { 'Message-ID': '<urgent-1@acme.example>', References: '<older@acme.example>' } });
    await Promise.all([push(), push(), push()]); // duplicate notifications collapse
    const sent = await until(async () => {
      const all = await s.emulator.control.sent();
      return all.length > 0 && all;
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await s.emulator.control.sent()).toHaveLength(1);
    const raw = sent[0]!.raw;
    expect(sent[0]!.threadId).toBe(threadId);
    expect(raw).toMatch(/^To: .*tomas@acme\.example/m);
    expect(raw).toMatch(/^In-Reply-To: <urgent-1@acme\.example>/m);
    expect(raw).toMatch(/^References: <older@acme\.example> <urgent-1@acme\.example>/m);
    expect(raw).toMatch(/^Auto-Submitted: auto-replied/m);
    expect(raw).toMatch(/^X-Auto-Response-Suppress: All/m);
    expect(raw).toMatch(/^Subject: Re: Can we talk tonight\?/m);
    const why = (await (await fetch(`${s.baseUrl}/api/activity?ref=${encodeURIComponent('<urgent-1@acme.example>')}`, { headers: s.auth })).json()) as { entries: Array<{ kind: string }> };
    expect(why.entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['decision.auto-reply', 'reply.queued', 'reply.sent']));

    // The reply's copy in Sent is in the ledger as it went out, so reading sent mail never fetches it.
    const copy = await s.runtime.database.db.selectFrom('messages').selectAll().where('account_id', '=', accountId).where('direction', '=', 'out').where('thread_id', '=', threadId).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ automated: true, subject: 'Re: Can we talk tonight?', from_address: ME, recipients: ['tomas@acme.example'] });
    const fetches = () => s.emulator.control.state.log.filter((e) => e.method === 'GET' && e.path.endsWith(`/messages/${copy.provider_message_id}`)).length;
    const listings = () => s.emulator.control.state.log.filter((e) => e.path.endsWith('/messages') && decodeURIComponent(e.query).includes('in:sent')).length;
    const before = { fetches: fetches(), listings: listings() };
    expect(await refreshSentMail(s.runtime.pipeline, (await getAccount(s.runtime.database.db, accountId))!)).toBe(0);
    expect(listings()).toBe(before.listings + 1);
    expect(fetches()).toBe(before.fetches);
  });

  it('sends nothing to a newsletter, and says why', async () => {
    await s.emulator.control.injectMessage({ from: 'Design Weekly <news@designweekly.example>', to: [ME], subject: 'This week in design', headers: { 'List-Unsubscribe': '<mailto:unsub@designweekly.example>', Precedence: 'bulk', 'Message-ID': '<nl-1@designweekly.example>' } });
    await push();
    const none = await until(async () => {
      const entries = await activity('decision.none');
      return entries.find((e) => e.ref === '<nl-1@designweekly.example>');
    });
    expect(none.reasons[0]!.code).toMatch(/list-header|precedence-bulk/);
    expect(await s.emulator.control.sent()).toHaveLength(1);
  });

  it('proposes a dated commitment in client mail as a suggestion, never as a fact', async () => {
    await s.emulator.control.injectMessage({ from: CLIENT, to: [ME], subject: 'Feedback', body: "Thanks! I'll send the feedback by Friday.", headers: { 'Message-ID': '<commit-1@acme.example>' } });
    await push();
    const list = await until(async () => {
      const res = (await (await fetch(`${s.baseUrl}/api/expectations/suggestions`, { headers: s.auth })).json()) as { suggestions: Array<{ kind: string }> };
      return res.suggestions.length > 0 && res.suggestions;
    });
    expect(list.map((x) => x.kind)).toContain('deliverable');
  });

  it('sends nothing to in-hours mail', async () => {
    clock = new Date('2026-12-02T10:00:00Z'); // Wednesday 11:00 in Tirana (Monday and Tuesday are holiday substitutes)
    await s.emulator.control.injectMessage({ from: 'Nora <nora@northwind.example>', to: [ME], subject: 'Monday check-in', headers: { 'Message-ID': '<in-hours@northwind.example>' } });
    await push();
    const none = await until(async () => (await activity('decision.none')).find((e) => e.ref === '<in-hours@northwind.example>'));
    expect(none.reasons[0]!.code).toBe('within-hours');
    expect(await s.emulator.control.sent()).toHaveLength(1);
  });

  it("cancels the reply when the user answers inside the grace period", async () => {
    clock = new Date('2026-12-02T21:00:00Z'); // Wednesday 22:00 in Tirana
    expect((await put('/api/settings', settings(0.05))).status).toBe(200); // a 3-second grace period
    const { threadId } = await s.emulator.control.injectMessage({ from: 'Ada <ada@lovelace.example>', to: [ME], subject: 'Late idea', headers: { 'Message-ID': '<late@lovelace.example>' } });
    await push();
    await until(async () => (await activity('reply.queued')).find((e) => e.ref === '<late@lovelace.example>'));
    clock = new Date('2026-12-02T21:01:00Z'); // she answers herself a minute later
    await s.emulator.control.injectSentMessage({ from: ME, to: ['ada@lovelace.example'], subject: 'Re: Late idea', threadId });
    const cancelled = await until(async () => (await activity('reply.cancelled')).find((e) => e.ref === '<late@lovelace.example>'), 12_000);
    expect(cancelled.reasons[0]!.code).toBe('user-answered');
    expect(await s.emulator.control.sent()).toHaveLength(1);
  });

  it('cancels a queued reply when its client is switched to no auto-reply, made VIP or removed during the grace period', async () => {
    clock = new Date('2026-12-02T21:10:00Z'); // Wednesday 22:10 in Tirana
    const post = (body: unknown) => fetch(`${s.baseUrl}/api/clients`, { method: 'POST', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // Listed mode, so a removed client is no longer answered; a 15-second grace period.
    expect((await put('/api/settings', { ...settings(0.25), clientMode: 'listed' })).status).toBe(200);
    const cases = [
      { who: 'quiet@northwind.example', edit: 'autoReply', code: 'auto-reply-off' },
      { who: 'boss@bigco.example', edit: 'vip', code: 'vip' },
      { who: 'gone@formerclient.example', edit: 'delete', code: 'not-a-client' },
    ] as const;
    const ids: string[] = [];
    for (const c of cases) {
      const res = await post({ name: c.who, addresses: [c.who] });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { client: { id: string } }).client.id);
      await s.emulator.control.injectMessage({ from: c.who, to: [ME], subject: `Evening note from ${c.who}`, headers: { 'Message-ID': `<grace-${c.code}@clients.example>` } });
    }
    const sentBefore = (await s.emulator.control.sent()).length;
    await push();
    for (const c of cases) await until(async () => (await activity('reply.queued')).find((e) => e.ref === `<grace-${c.code}@clients.example>`), 12_000);
    const clientUrl = (i: number) => `${s.baseUrl}/api/clients/${ids[i]}`;
    expect((await put(`/api/clients/${ids[0]}`, { name: cases[0].who, addresses: [cases[0].who], autoReply: false })).status).toBe(200);
    expect((await put(`/api/clients/${ids[1]}`, { name: cases[1].who, addresses: [cases[1].who], vip: true })).status).toBe(200);
    expect((await fetch(clientUrl(2), { method: 'DELETE', headers: s.auth })).status).toBe(204);
    for (const c of cases) {
      const cancelled = await until(async () => (await activity('reply.cancelled')).find((e) => e.ref === `<grace-${c.code}@clients.example>`), 40_000);
      expect(cancelled.reasons[0]!.code).toBe(c.code);
    }
    expect(await s.emulator.control.sent()).toHaveLength(sentBefore);
    expect((await put('/api/settings', settings(0))).status).toBe(200);
  }, 90_000);

  it('answers a weekend invitation per the policy, with a note', async () => {
    clock = new Date('2026-12-03T10:00:00Z');
    const { providerEventId } = await s.emulator.control.injectEvent({ subject: 'Saturday kickoff', organizer: 'tomas@acme.example', attendees: ['tomas@acme.example', ME], start: '2026-12-05T09:00:00Z', end: '2026-12-05T10:00:00Z' });
    await s.runtime.producer.add('sync-calendar', { accountId, reason: 'test' }, { jobId: `sync-calendar-${accountId}` });
    const answer = await until(async () => {
      const r = await s.emulator.control.eventResponse(providerEventId);
      return r.response !== 'needsAction' && r;
    });
    expect(answer.response).toBe('tentative');
    expect(answer.comment).toBeTruthy();
  });
});

describe('disconnecting a Google account', () => {
  it('stops the watch, revokes the token and deletes the account with its tokens', async () => {
    const s = await startGoogleService({ now: () => new Date('2026-12-02T10:00:00Z') });
    try {
      const accountId = await connectGoogle(s);
      const row = await s.runtime.database.db.selectFrom('accounts').select('tokens').where('id', '=', accountId).executeTakeFirstOrThrow();
      const refreshToken = (JSON.parse(s.runtime.cipher.open(row.tokens)) as { tokens: { refresh_token: string } }).tokens.refresh_token;
      const res = await fetch(`${s.baseUrl}/api/accounts/${accountId}`, { method: 'DELETE', headers: s.auth });
      expect(res.status).toBe(204);
      expect(await s.runtime.database.db.selectFrom('accounts').selectAll().execute()).toEqual([]);
      // The revoked grant no longer works at the provider.
      const token = await fetch(s.emulator.control.endpoints().tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: GOOGLE_CLIENT.id, client_secret: GOOGLE_CLIENT.secret }) });
      expect(token.status).toBe(400);
      expect(((await token.json()) as { error: string }).error).toBe('invalid_grant');
      const log = (await (await fetch(`${s.baseUrl}/api/activity?kind=account.disconnected`, { headers: s.auth })).json()) as { entries: unknown[] };
      expect(log.entries).toHaveLength(1);
    } finally {
      await s.stop();
    }
  });
});
