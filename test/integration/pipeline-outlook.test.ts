import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../dev/support/google-service.js';
import { connectMicrosoft, startMicrosoftService, type MicrosoftService } from '../../dev/support/microsoft-service.js';

// Sunday 29 November 2026, 23:00 UTC.
let clock = new Date('2026-11-29T23:00:00Z');
const ME = 'freelancer@contoso.example';

describe('the pipeline against the Graph emulator', () => {
  let s: MicrosoftService;
  let accountId: string;
  const activity = async (kind: string) => ((await (await fetch(`${s.baseUrl}/api/activity?kind=${kind}`, { headers: s.auth })).json()) as { entries: Array<{ ref: string | null; summary: string; reasons: Array<{ code: string }> }> }).entries;

  beforeAll(async () => {
    s = await startMicrosoftService({ now: () => clock });
    const put = await fetch(`${s.baseUrl}/api/settings`, {
      method: 'PUT',
      headers: { ...s.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ timeZone: 'Europe/London', week: { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }], sat: [], sun: [] }, holidays: { enabled: false }, gracePeriodMinutes: 0 }),
    });
    expect(put.status).toBe(200);
    await s.emulator.control.injectMessage({ from: 'Old Client <old@fabrikam.example>', to: [ME], subject: 'Backlog from before connecting' });
    accountId = await connectMicrosoft(s);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('connects through MSAL with subscriptions that passed the validation handshake', async () => {
    const subs = s.emulator.control.subscriptions();
    expect(subs.map((x) => x.resource).sort()).toEqual(["/me/events", "/me/mailFolders('inbox')/messages"].sort());
    const account = (await (await fetch(`${s.baseUrl}/api/accounts/${accountId}`, { headers: s.auth })).json()) as { account: { status: string; watchExpiresAt: string | null } };
    expect(account.account.status).toBe('preview');
    expect(account.account.watchExpiresAt).not.toBeNull();
  });

  it('replies once, by MIME with Auto-Submitted, to weekend client mail delivered by a change notification', async () => {
    const on = await fetch(`${s.baseUrl}/api/accounts/${accountId}/sending`, { method: 'PUT', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify({ sending: true }) });
    expect(on.status).toBe(200);
    await s.emulator.control.injectMessage({ from: 'Priya <priya@fabrikam.example>', to: [ME], subject: 'Sunday night thought' });
    const sent = await until(async () => {
      const all = await s.emulator.control.sent();
      return all.length > 0 && all;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(await s.emulator.control.sent()).toHaveLength(1);
    expect(sent[0]!.raw).toMatch(/^Auto-Submitted: auto-replied/m);
    expect(sent[0]!.raw).toMatch(/^To: .*priya@fabrikam\.example/m);
    expect(sent[0]!.raw).toMatch(/^Subject: Re: Sunday night thought/m);
    const decisions = await activity('decision.auto-reply');
    expect(decisions.some((d) => d.summary.includes('Backlog'))).toBe(false);
  });

  it('never writes a sender address or Message-ID carrying CRLF into a reply (issue 14, hole 3)', async () => {
    const on = await fetch(`${s.baseUrl}/api/accounts/${accountId}/sending`, { method: 'PUT', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify({ sending: true }) });
    expect(on.status).toBe(200);
    const before = (await s.emulator.control.sent()).length;
    // The emulator takes this address as given, and builds the Message-ID from its domain too.
    await s.emulator.control.injectMessage({ from: 'Priya <priya@fabrikam.example\r\nBcc: everyone@evil.example>', to: [ME], subject: 'Injected sender' });
    const all = async () => ((await (await fetch(`${s.baseUrl}/api/activity?limit=200`, { headers: s.auth })).json()) as { entries: Array<{ summary: string }> }).entries;
    await until(async () => (await all()).some((e) => e.summary.includes('Injected sender')));
    // A reply, if one was decided, is sent by a job: wait until none is waiting to go out.
    const pending = () => s.runtime.database.db.selectFrom('replies').select('id').where('state', 'in', ['queued', 'sending']).execute();
    await until(async () => (await pending()).length === 0);
    const sent = await s.emulator.control.sent();
    expect(sent.length).toBe(before);
    expect(sent.map((m) => m.raw).join('\n')).not.toMatch(/evil\.example/);
  });

  it('proposes a dated commitment in client mail (from its bodyPreview) as a suggestion', async () => {
    await s.emulator.control.injectMessage({ from: 'Priya <priya@fabrikam.example>', to: [ME], subject: 'Next steps', body: "Thanks! I'll send the signed contract by Friday." });
    const list = await until(async () => {
      const res = (await (await fetch(`${s.baseUrl}/api/expectations/suggestions`, { headers: s.auth })).json()) as { suggestions: Array<{ kind: string; summary?: string }> };
      return res.suggestions.length > 0 && res.suggestions;
    });
    expect(list.map((x) => x.kind)).toContain('deliverable');
  });

  it('answers a forged notification with 403 and enqueues nothing', async () => {
    const sub = s.emulator.control.subscriptions()[0]!;
    const res = await fetch(`${s.baseUrl}/webhooks/microsoft`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: [{ subscriptionId: sub.id, clientState: 'forged', changeType: 'created', resource: 'x', resourceData: { id: 'x' } }] }) });
    expect(res.status).toBe(403);
    const handshake = await fetch(`${s.baseUrl}/webhooks/microsoft?validationToken=${encodeURIComponent('hello world')}`, { method: 'POST' });
    expect(handshake.status).toBe(200);
    expect(handshake.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await handshake.text()).toBe('hello world');
  });

  it('marks the account needs-reconnect when access is revoked, without a retry storm', async () => {
    await s.emulator.control.fault({ kind: 'revokeTokens' });
    clock = new Date('2026-11-29T23:30:00Z');
    await s.emulator.control.injectMessage({ from: 'Priya <priya@fabrikam.example>', to: [ME], subject: 'One more thing' });
    await s.runtime.producer.add('sync-mailbox', { accountId, reason: 'test' }, { jobId: `sync-mailbox-${accountId}` });
    const account = await until(async () => {
      const a = (await (await fetch(`${s.baseUrl}/api/accounts/${accountId}`, { headers: s.auth })).json()) as { account: { status: string; statusText: string } };
      return a.account.status === 'needs-reconnect' && a.account;
    });
    expect(account.statusText).toMatch(/Reconnect/);
    const before = await s.emulator.control.requestCount();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await s.emulator.control.requestCount()).toBe(before);
  });
});

describe('a new user connecting Outlook', () => {
  it('starts from the working hours and time zone Outlook already knows', async () => {
    const s = await startMicrosoftService({ now: () => new Date('2026-12-01T10:00:00Z') });
    try {
      s.emulator.control.mailboxSettings({ timeZone: 'Nepal Standard Time', workingHours: { daysOfWeek: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday'], startTime: '10:00:00.0000000', endTime: '17:30:00.0000000', timeZone: { name: 'Nepal Standard Time' } } });
      await connectMicrosoft(s);
      const { settings, version } = (await (await fetch(`${s.baseUrl}/api/settings`, { headers: s.auth })).json()) as { settings: { timeZone: string; week: Record<string, Array<{ start: string; end: string }>> }; version: number };
      expect(version).toBe(1);
      expect(settings.timeZone).toBe('Asia/Kathmandu');
      expect(settings.week.sun).toEqual([{ start: '10:00', end: '17:30' }]);
      expect(settings.week.fri).toEqual([]);
    } finally {
      await s.stop();
    }
  });
});
