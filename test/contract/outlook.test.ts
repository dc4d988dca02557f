import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/providers/types.js';
import { createOutlookProvider, type OutlookProvider } from '../../src/providers/outlook/provider.js';
import { importMailboxSettings } from '../../src/providers/outlook/mailbox-settings.js';
import { clientStateMatches, parseGraphNotification } from '../../src/providers/outlook/webhook.js';
import { startEndpoint } from '../../dev/emulators/microsoft/endpoint.js';
import { startGraphEmulator, type GraphEmulator } from '../../dev/emulators/microsoft/index.js';
import type { ProviderHarness } from '../../dev/emulators/harness.js';
import { providerContract } from './suite.js';

/**
 * The shared provider contract, plus Outlook specifics, against the Graph emulator. The emulator's
 * self-signed CA is trusted through undici's global dispatcher (the SDK and MSAL both use fetch),
 * so product code carries no test switch.
 */

let original: Dispatcher;
beforeAll(() => {
  original = getGlobalDispatcher();
});
afterAll(() => setGlobalDispatcher(original));

function trust(ca: string): void {
  setGlobalDispatcher(new Agent({ connect: { ca } }));
}

const CLIENT_STATE = 'contract-client-state-0123456789';

async function start(endpointUrl = 'http://127.0.0.1:9/unused'): Promise<{ emulator: GraphEmulator; provider: OutlookProvider }> {
  const emulator = await startGraphEmulator();
  trust(emulator.ca);
  const token = emulator.control.accessToken();
  const provider = createOutlookProvider({
    baseUrl: emulator.baseUrl,
    getAccessToken: async () => token,
    notificationUrl: `${endpointUrl}/webhooks/microsoft`,
    lifecycleUrl: `${endpointUrl}/webhooks/microsoft/lifecycle`,
    clientState: CLIENT_STATE,
    now: () => new Date(),
  });
  return { emulator, provider };
}

let current: GraphEmulator | undefined;
const harness: ProviderHarness = {
  name: 'outlook (Graph emulator)',
  async start() {
    const { emulator, provider } = await start();
    current = emulator;
    return { mail: provider, calendar: provider, control: emulator.control };
  },
  async stop() {
    await current?.close();
    current = undefined;
  },
};

providerContract(harness);

describe('outlook specifics', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function setup(echo = true) {
    const endpoint = await startEndpoint({ echo });
    const { emulator, provider } = await start(endpoint.url);
    cleanup.push(() => endpoint.close(), () => emulator.close());
    return { endpoint, emulator, provider, control: emulator.control };
  }

  it('subscription creation needs the validation handshake to succeed', async () => {
    const bad = await setup(false);
    const err = await bad.provider.startWatch().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('permanent');
    expect(bad.control.subscriptions()).toHaveLength(0);

    const good = await setup(true);
    const watch = await good.provider.startWatch();
    expect(good.control.subscriptions().map((s) => s.id)).toEqual([watch.id]);
    const sub = good.control.subscriptions()[0]!;
    expect(sub.clientState).toBe(CLIENT_STATE);
    expect(sub.lifecycleNotificationUrl).toMatch(/\/lifecycle$/);
    expect(Date.parse(watch.expiresAt) - Date.now()).toBeLessThanOrEqual(10_080 * 60_000);
  });

  it('notifications arrive for new mail and calendar changes, and renewal extends the watch', async () => {
    const { endpoint, provider, control } = await setup();
    const mailWatch = await provider.startWatch();
    const calWatch = await provider.startCalendarWatch();
    const { providerMessageId } = await control.injectMessage({ from: 'a@client.example', to: [control.userAddress], subject: 'hi' });
    const { providerEventId } = await control.injectEvent({ subject: 'Sync', organizer: 'a@client.example', attendees: [control.userAddress], start: new Date(Date.now() + 86_400_000).toISOString(), end: new Date(Date.now() + 90_000_000).toISOString() });
    const notes = endpoint.received.flatMap((r) => (r.body as { value: { subscriptionId: string; clientState: string; changeType: string; resourceData: { id: string } }[] }).value);
    expect(notes).toContainEqual(expect.objectContaining({ subscriptionId: mailWatch.id, clientState: CLIENT_STATE, changeType: 'created', resourceData: expect.objectContaining({ id: providerMessageId }) }));
    expect(notes).toContainEqual(expect.objectContaining({ subscriptionId: calWatch.id, changeType: 'created', resourceData: expect.objectContaining({ id: providerEventId }) }));

    const before = control.subscriptions().find((s) => s.id === mailWatch.id)!.expirationDateTime;
    await new Promise((r) => setTimeout(r, 20));
    const renewed = await provider.renewWatch(mailWatch);
    expect(renewed.id).toBe(mailWatch.id);
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.parse(before));
    await provider.stopWatch(renewed);
    await provider.stopCalendarWatch(calWatch);
    expect(control.subscriptions()).toHaveLength(0);
    await expect(provider.stopWatch(renewed)).resolves.toBeUndefined(); // already gone is fine
  });

  it('lifecycle events are delivered to the lifecycle URL', async () => {
    const { endpoint, provider, control } = await setup();
    const watch = await provider.startWatch();
    for (const event of ['reauthorizationRequired', 'missed', 'subscriptionRemoved'] as const) {
      expect(await control.lifecycle(watch.id, event)).toBe(202);
    }
    const lifecycle = endpoint.received.filter((r) => r.path.endsWith('/lifecycle'));
    expect(lifecycle.map((r) => (r.body as { value: { lifecycleEvent: string }[] }).value[0]!.lifecycleEvent)).toEqual(['reauthorizationRequired', 'missed', 'subscriptionRemoved']);
    expect(control.subscriptions()).toHaveLength(0);
  });

  it('steady state costs at most 1.2 Graph requests per new message', async () => {
    const { provider, control } = await setup();
    let cursor = await provider.baseline();
    const before = await control.requestCount();
    const rounds = 50;
    let received = 0;
    for (let i = 0; i < rounds; i++) {
      await control.injectMessage({ from: `c${i}@client.example`, to: [control.userAddress], subject: `m${i}`, headers: { 'Auto-Submitted': 'no' } });
      const changes = await provider.mailChangesSince(cursor);
      received += changes.messages.length;
      expect(changes.messages[0]?.headers['auto-submitted']).toBe('no');
      cursor = changes.cursor;
    }
    const perMessage = ((await control.requestCount()) - before) / received;
    expect(received).toBe(rounds);
    expect(perMessage).toBeLessThanOrEqual(1.2);
  });

  it('a fifth concurrent request is throttled and maps to rate_limited', async () => {
    const { provider, control } = await setup();
    control.slow(300);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => provider.profile()));
    control.slow(0);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    expect(rejected).toHaveLength(2);
    for (const r of rejected) {
      expect(r.reason).toBeInstanceOf(ProviderError);
      expect((r.reason as ProviderError).kind).toBe('rate_limited');
      expect((r.reason as ProviderError).retryAfterMs).toBe(1000);
    }
    expect(control.peakConcurrency()).toBe(4);
  });

  it('reads SMTP aliases from proxyAddresses, leaving out the primary and non-mail entries', async () => {
    const { provider, control } = await setup();
    control.proxyAddresses(['SMTP:freelancer@contoso.example', 'smtp:Fran@Contoso.example', 'smtp:hello@fran.studio', 'SIP:freelancer@contoso.example', 'X500:/o=ExchangeLabs/cn=fran', 'smtp:fran@contoso.example']);
    expect(await provider.profile()).toEqual({ address: 'freelancer@contoso.example', aliases: ['fran@contoso.example', 'hello@fran.studio'] });
    control.proxyAddresses([]); // personal accounts list none
    expect(await provider.profile()).toEqual({ address: 'freelancer@contoso.example', aliases: [] });
  });

  it("shares the mailbox's pause after a 429: later calls are held off without reaching Graph", async () => {
    const { emulator, control } = await setup();
    let pausedUntil = 0;
    const gate = {
      async before() {
        const left = pausedUntil - Date.now();
        if (left > 0) throw new ProviderError('rate_limited', 'paused', left);
      },
      async throttled(ms: number) {
        pausedUntil = Date.now() + ms;
      },
    };
    const token = control.accessToken();
    const make = () => createOutlookProvider({ baseUrl: emulator.baseUrl, getAccessToken: async () => token, notificationUrl: 'https://x.example/n', lifecycleUrl: 'https://x.example/l', clientState: CLIENT_STATE, now: () => new Date(), gate });
    const [first, second] = [make(), make()]; // two jobs of one mailbox
    await control.fault({ kind: 'status', status: 429, retryAfterSeconds: 2, times: 1 });
    await expect(first.profile()).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 2000 });
    const before = await control.requestCount();
    const held = await second.profile().catch((err: unknown) => err);
    expect(held).toBeInstanceOf(ProviderError);
    expect(held).toMatchObject({ kind: 'rate_limited' });
    expect((held as ProviderError).retryAfterMs).toBeGreaterThan(0);
    expect((held as ProviderError).retryAfterMs).toBeLessThanOrEqual(2000);
    expect(await control.requestCount()).toBe(before);
    pausedUntil = 0;
    await expect(second.profile()).resolves.toMatchObject({ address: expect.any(String) });
  });

  it('imports working hours and the Windows time zone from mailboxSettings', async () => {
    const { emulator, control } = await setup();
    const token = control.accessToken();
    const read = () => importMailboxSettings({ baseUrl: emulator.baseUrl, getAccessToken: async () => token, now: () => new Date() });
    const berlin = await read();
    expect(berlin.timeZone).toBe('Europe/Berlin');
    expect(berlin.week.mon).toEqual([{ start: '09:00', end: '17:30' }]);
    expect(berlin.week.sat).toEqual([]);
    control.mailboxSettings({ timeZone: 'Nepal Standard Time', workingHours: { daysOfWeek: ['sunday', 'monday'], startTime: '10:00:00.0000000', endTime: '18:00:00.0000000', timeZone: { name: 'Nepal Standard Time' } } });
    const nepal = await read();
    expect(nepal.timeZone).toBe('Asia/Kathmandu');
    expect(nepal.week.sun).toEqual([{ start: '10:00', end: '18:00' }]);
    expect(nepal.week.tue).toEqual([]);
    control.mailboxSettings({ timeZone: 'Atlantis Standard Time', workingHours: { timeZone: { name: 'Atlantis Standard Time' } } });
    await expect(read()).rejects.toThrow(/Atlantis Standard Time/);
  });

  it('reads a scheduled automatic-replies window as time off in the user\'s local dates', async () => {
    const { emulator, control } = await setup();
    const token = control.accessToken();
    const read = () => importMailboxSettings({ baseUrl: emulator.baseUrl, getAccessToken: async () => token, now: () => new Date() });
    expect((await read()).timeOff).toBeNull();
    // Graph sends the window in UTC unless asked otherwise: 22 Dec 00:00 to 3 Jan 00:00 Berlin time.
    control.mailboxSettings({ automaticRepliesSetting: { status: 'scheduled', externalAudience: 'all', scheduledStartDateTime: { dateTime: '2026-12-21T23:00:00.0000000', timeZone: 'UTC' }, scheduledEndDateTime: { dateTime: '2027-01-02T23:00:00.0000000', timeZone: 'UTC' } } });
    expect((await read()).timeOff).toEqual({ start: '2026-12-22', end: '2027-01-02', message: '' });
    control.mailboxSettings({ automaticRepliesSetting: { status: 'alwaysEnabled', externalAudience: 'all' } });
    expect((await read()).timeOff).toBeNull();
  });

  it('answers with proposedNewTime only when allowed, and decline with a proposal is stored', async () => {
    const { provider, control, emulator } = await setup();
    const cursor = await provider.calendarBaseline();
    const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 72 * 3_600_000).toISOString();
    const end = new Date(Date.parse(start) + 3_600_000).toISOString();
    const open = await control.injectEvent({ subject: 'open', organizer: 'a@client.example', attendees: [control.userAddress], start, end, allowNewTimeProposals: true });
    const closed = await control.injectEvent({ subject: 'closed', organizer: 'b@client.example', attendees: [control.userAddress], start, end, allowNewTimeProposals: false });
    const { invitations } = await provider.calendarChangesSince(cursor);
    expect(invitations.map((i) => i.subject).sort()).toEqual(['closed', 'open']);
    expect(invitations[0]!.timeZone).toBe('America/Los_Angeles');
    expect(invitations.find((i) => i.subject === 'open')!.start).toBe(start);
    const proposal = { start: new Date(Date.parse(start) + 86_400_000).toISOString(), end: new Date(Date.parse(end) + 86_400_000).toISOString() };
    for (const inv of invitations) await provider.answerInvitation(inv, 'declined', 'Outside my hours', proposal);
    expect((await control.eventResponse(open.providerEventId)).response).toBe('declined');
    expect((await control.eventResponse(closed.providerEventId)).response).toBe('declined');
    expect(emulator.control.eventProposal(open.providerEventId)).toEqual({ start: { dateTime: proposal.start.slice(0, 19), timeZone: 'UTC' }, end: { dateTime: proposal.end.slice(0, 19), timeZone: 'UTC' } });
    expect(emulator.control.eventProposal(closed.providerEventId)).toBeUndefined();
  });
});

describe('outlook webhook parsing', () => {
  it('validates change and lifecycle notifications and names what is wrong', () => {
    const parsed = parseGraphNotification({
      value: [
        { subscriptionId: 's1', clientState: 'x', changeType: 'created', resource: 'Users/u/Messages/m1', resourceData: { id: 'm1' }, tenantId: 't' },
        { subscriptionId: 's1', clientState: 'x', lifecycleEvent: 'missed' },
      ],
    });
    expect(parsed).toEqual([
      { kind: 'change', subscriptionId: 's1', clientState: 'x', changeType: 'created', resource: 'Users/u/Messages/m1', resourceId: 'm1', tenantId: 't' },
      { kind: 'lifecycle', subscriptionId: 's1', clientState: 'x', lifecycleEvent: 'missed' },
    ]);
    expect(() => parseGraphNotification({})).toThrow(/"value" array/);
    expect(() => parseGraphNotification({ value: [{ subscriptionId: 's', changeType: 'moved', resource: 'r' }] })).toThrow(/value\[0\]\.changeType "moved"/);
    expect(() => parseGraphNotification({ value: [{ changeType: 'created', resource: 'r' }] })).toThrow(/value\[0\]\.subscriptionId/);
  });

  it('clientState comparison is exact', () => {
    expect(clientStateMatches(CLIENT_STATE, CLIENT_STATE)).toBe(true);
    expect(clientStateMatches(CLIENT_STATE, CLIENT_STATE.slice(0, -1))).toBe(false);
    expect(clientStateMatches(CLIENT_STATE, `${CLIENT_STATE.slice(0, -1)}X`)).toBe(false);
    expect(clientStateMatches(CLIENT_STATE, null)).toBe(false);
  });
});
