import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvitationMeta } from '../../src/domain/message.js';
import { toInvitation } from '../../src/providers/gmail/calendar.js';
import { DEFAULT_RETRY_AFTER_MS, retryAfterMs, translateGoogleError } from '../../src/providers/gmail/errors.js';
import { normalizeLabel } from '../../src/providers/gmail/message-meta.js';
import {
  createGoogleOAuthClient, createPkce, decodeGmailPush, exchangeGoogleCode, googleAuthUrl, revokeGoogleToken, verifyGoogleIdToken, verifyPubsubJwt,
} from '../../src/providers/gmail/oauth.js';
import { createGmailProvider } from '../../src/providers/gmail/provider.js';
import { ProviderError, type CalendarProvider, type MailProvider } from '../../src/providers/types.js';
import type { GoogleControl } from '../../dev/emulators/google/control.js';
import { CLIENT, googleHarness } from './google-harness.js';
import { providerContract } from './suite.js';

providerContract(googleHarness());

/** A local receiver for webhook/push deliveries. */
async function receiver(): Promise<{ url: string; hits: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const hits: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => { hits.push(req.headers); res.writeHead(200).end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks/google-calendar`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

const kindOf = (p: Promise<unknown>) => p.then(() => 'resolved', (e: unknown) => (e instanceof ProviderError ? e.kind : `other: ${String(e)}`));

describe('gmail adapter specifics', () => {
  const harness = googleHarness();
  let mail: MailProvider;
  let calendar: CalendarProvider;
  let control: GoogleControl;
  beforeEach(async () => {
    ({ mail, calendar } = await harness.start());
    control = harness.emulator().control;
  });
  afterEach(() => harness.stop());

  const inbound = (subject: string, extra: { threadId?: string } = {}) =>
    control.injectMessage({ from: 'Ana <ana@client.example>', to: [control.userAddress], subject, ...extra });

  it('costs at most 7 quota units per new message in steady state', async () => {
    let cursor = await mail.baseline();
    const before = await control.quotaUnits();
    for (let i = 0; i < 10; i++) {
      await inbound(`steady ${i}`);
      const changes = await mail.mailChangesSince(cursor);
      expect(changes.messages).toHaveLength(1);
      cursor = changes.cursor;
    }
    const perMessage = ((await control.quotaUnits()) - before) / 10;
    expect(perMessage).toBeLessThanOrEqual(7);
  });

  it('returns what it could read when one message fetch fails, keeping the cursor', async () => {
    const cursor = await mail.baseline();
    await inbound('first');
    await inbound('second');
    // The emulator takes faults in call order: history.list passes, one messages.get gets a 503.
    await control.fault({ kind: 'slow', delayMs: 0, times: 1 });
    await control.fault({ kind: 'status', status: 503, times: 1 });
    const partial = await mail.mailChangesSince(cursor);
    expect(partial.messages).toHaveLength(1);
    expect(partial.cursor).toBe(cursor);
    expect(partial.incomplete?.retryAfterMs).toBeGreaterThan(0);
    const whole = await mail.mailChangesSince(cursor);
    expect(whole.messages.map((m) => m.subject).sort()).toEqual(['first', 'second']);
    expect(whole.incomplete).toBeUndefined();
    expect(whole.cursor).not.toBe(cursor);
  });

  it('asks for metadata with exactly the needed headers, with bounded concurrency', async () => {
    const cursor = await mail.baseline();
    for (let i = 0; i < 20; i++) await inbound(`c ${i}`);
    await mail.mailChangesSince(cursor);
    const gets = control.log().filter((e) => /\/messages\/[^/]+$/.test(e.path));
    expect(gets).toHaveLength(20);
    const query = new URLSearchParams(gets[0]!.query);
    expect(query.get('format')).toBe('metadata');
    expect(query.getAll('metadataHeaders')).toEqual(expect.arrayContaining(['From', 'Message-ID', 'Auto-Submitted', 'List-Id', 'X-Auto-Response-Suppress']));
    expect(query.getAll('metadataHeaders')).not.toContain('Received');
    expect(control.maxConcurrency()).toBeLessThanOrEqual(4);
  });

  it('its own sent reply is not seen as new inbound mail', async () => {
    const cursor = await mail.baseline();
    await mail.send({ mime: 'To: ana@client.example\r\nSubject: hi\r\nMessage-ID: <own@b.test>\r\n\r\nx\r\n', messageId: '<own@b.test>' });
    expect((await mail.mailChangesSince(cursor)).messages).toHaveLength(0);
    expect(control.state.history.at(-1)?.labelIds).toEqual(['SENT']);
  });

  it('a reply joins the thread only with threadId, references and matching subject', async () => {
    const cursor = await mail.baseline();
    const { threadId } = await inbound('Project scope');
    const [original] = (await mail.mailChangesSince(cursor)).messages;
    const reply = (subject: string) =>
      `To: ana@client.example\r\nSubject: ${subject}\r\nIn-Reply-To: ${original!.messageId}\r\nReferences: ${original!.messageId}\r\nMessage-ID: <r${subject.length}@b.test>\r\n\r\nok\r\n`;
    await mail.send({ mime: reply('Re: Project scope'), messageId: '<a@b.test>', threadId });
    await mail.send({ mime: reply('Something else'), messageId: '<b@b.test>', threadId });
    await mail.send({ mime: reply('Re: Project scope'), messageId: '<c@b.test>' });
    const threads = (await control.sent()).map((s) => s.threadId);
    expect(threads[0]).toBe(threadId);
    expect(threads[1]).not.toBe(threadId);
    expect(threads[2]).not.toBe(threadId);
  });

  it('403 userRateLimitExceeded is rate_limited with a default wait', async () => {
    await control.fault({ kind: 'userRateLimit', times: 1 });
    const err = await mail.baseline().catch((e: unknown) => e as ProviderError);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('rate_limited');
    expect((err as ProviderError).retryAfterMs).toBe(DEFAULT_RETRY_AFTER_MS);
  });

  it('a bad cursor is a clear permanent error', async () => {
    await expect(mail.mailChangesSince('not-a-history-id')).rejects.toThrow(/numeric historyId.*not-a-history-id/);
  });

  it('a cancelled invitation comes through as cancelled', async () => {
    const cursor = await calendar.calendarBaseline();
    const { providerEventId } = await control.injectEvent({ subject: 'Sync', organizer: 'ana@client.example',
      attendees: [control.userAddress], start: '2030-01-02T10:00:00Z', end: '2030-01-02T11:00:00Z' });
    const first = await calendar.calendarChangesSince(cursor);
    await control.cancelEvent(providerEventId);
    const second = await calendar.calendarChangesSince(first.cursor);
    expect(second.invitations).toEqual([expect.objectContaining({ providerEventId, cancelled: true })]);
  });

  it('answering patches the whole attendees array with sendUpdates=all, proposal in the comment', async () => {
    const cursor = await calendar.calendarBaseline();
    const { providerEventId } = await control.injectEvent({ subject: 'Late call', organizer: 'ana@client.example',
      attendees: ['ana@client.example', 'bo@client.example', control.userAddress], start: '2030-01-02T20:00:00Z', end: '2030-01-02T21:00:00Z' });
    const [inv] = (await calendar.calendarChangesSince(cursor)).invitations;
    await calendar.answerInvitation(inv!, 'declined', 'That is after my hours.', { start: '2030-01-03T09:00:00Z', end: '2030-01-03T10:00:00Z' });
    const event = control.event(providerEventId)!;
    expect(event.lastSendUpdates).toBe('all');
    expect(event.attendees.map((a) => a.email)).toEqual(['ana@client.example', 'bo@client.example', control.userAddress]);
    const self = await control.eventResponse(providerEventId);
    expect(self.response).toBe('declined');
    expect(self.comment).toContain('Proposed new time: 2030-01-03T09:00:00Z');
  });

  it('calendar watch: sync first, then exists with the channel token; stop ends it', async () => {
    const hook = await receiver();
    try {
      const provider = createGmailProvider({ rootUrl: `${harness.emulator().url}/`, auth: harness.auth(), pubsubTopic: 'projects/p/topics/t',
        now: () => new Date(), calendarWebhookUrl: hook.url, channelToken: 'secret-channel-token' });
      const watch = await provider.startCalendarWatch();
      expect(Date.parse(watch.expiresAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
      await control.injectEvent({ subject: 'x', organizer: 'ana@client.example', attendees: [control.userAddress], start: '2030-01-02T10:00:00Z', end: '2030-01-02T11:00:00Z' });
      await control.settle();
      expect(hook.hits.map((h) => h['x-goog-resource-state'])).toEqual(['sync', 'exists']);
      expect(hook.hits.map((h) => h['x-goog-message-number'])).toEqual(['1', '2']);
      expect(hook.hits[1]).toMatchObject({ 'x-goog-channel-id': watch.id, 'x-goog-channel-token': 'secret-channel-token', 'x-goog-resource-id': watch.resource });
      await provider.stopCalendarWatch(watch);
      await control.injectEvent({ subject: 'y', organizer: 'ana@client.example', attendees: [control.userAddress], start: '2030-01-02T10:00:00Z', end: '2030-01-02T11:00:00Z' });
      await control.settle();
      expect(hook.hits).toHaveLength(2);
    } finally {
      await hook.close();
    }
  });
});

describe('gmail adapter: slow responses', () => {
  const harness = googleHarness({ timeoutMs: 200 });
  afterEach(() => harness.stop());
  it('a response slower than the timeout is transient', async () => {
    const { mail } = await harness.start();
    await harness.emulator().control.fault({ kind: 'slow', delayMs: 1_000, times: 1 });
    expect(await kindOf(mail.baseline())).toBe('transient');
  });
});

describe('gmail mapping and error translation (pure)', () => {
  const now = new Date('2026-03-03T12:00:00Z');
  const gaxios = (status: number, data: unknown, headers: Record<string, string> = {}) =>
    ({ config: { method: 'GET', url: 'https://x/gmail/v1/users/me/history?access_token=SECRET' }, response: { status, data, headers: new Headers(headers) } });

  it.each([
    [400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }, 'auth_revoked'],
    [403, { error: { errors: [{ reason: 'dailyLimitExceeded' }] } }, 'rate_limited'],
    [403, { error: { errors: [{ reason: 'insufficientPermissions' }] } }, 'auth_revoked'],
    [403, { error: { errors: [{ reason: 'forbidden' }] } }, 'permanent'],
    [410, { error: { errors: [{ reason: 'fullSyncRequired' }] } }, 'cursor_expired'],
    [412, { error: { errors: [{ reason: 'conditionNotMet' }] } }, 'transient'],
    [400, { error: { errors: [{ reason: 'invalidArgument' }] } }, 'permanent'],
  ] as const)('%i %j → %s', (status, data, kind) => {
    const err = translateGoogleError(gaxios(status, data), now);
    expect(err.kind).toBe(kind);
    expect(err.message).not.toContain('SECRET');
  });

  it('daily limits wait an hour; Retry-After as an HTTP date counts from now', () => {
    expect(translateGoogleError(gaxios(403, { error: { errors: [{ reason: 'dailyLimitExceeded' }] } }), now).retryAfterMs).toBe(3_600_000);
    expect(retryAfterMs('Tue, 03 Mar 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(translateGoogleError(gaxios(503, {}, { 'retry-after': '2' }), now).retryAfterMs).toBe(2000);
  });

  it('labels normalize; all-day invitations are flagged', () => {
    expect(['SPAM', 'INBOX', 'SENT', 'CATEGORY_PROMOTIONS'].map(normalizeLabel)).toEqual(['spam', 'inbox', 'sent', 'category:promotions']);
    const inv = toInvitation({ id: 'e1', status: 'confirmed', summary: 'Offsite', start: { date: '2030-05-01' }, end: { date: '2030-05-02' },
      organizer: { email: 'Boss@Client.Example' }, attendees: [{ email: 'me@x.test', self: true, responseStatus: 'needsAction' }] }) as InvitationMeta;
    expect(inv).toMatchObject({ isAllDay: true, start: '2030-05-01T00:00:00.000Z', selfResponse: 'needsAction', organizer: { address: 'boss@client.example' } });
    expect(toInvitation({ id: 'e2', organizer: { email: 'me@x.test', self: true }, attendees: [{ email: 'me@x.test', self: true }] })).toBeUndefined();
  });
});

describe('google oauth and pub/sub push', () => {
  const harness = googleHarness();
  let control: GoogleControl;
  beforeEach(async () => {
    await harness.start();
    control = harness.emulator().control;
  });
  afterEach(() => harness.stop());

  const client = () => createGoogleOAuthClient({ ...CLIENT, endpoints: control.endpoints() });
  const PUSH_URL = 'https://boundary.example/webhooks/gmail';
  const verify = (token: string, audience = PUSH_URL, serviceAccountEmail = control.pushServiceAccount) =>
    kindOf(verifyPubsubJwt(client(), token, { audience, serviceAccountEmail }));

  /** Runs the consent redirect against the emulator and returns the code and state it sends back. */
  async function consent(scopes: string[], verifierChallenge: string, extra: Record<string, string> = {}) {
    const url = new URL(googleAuthUrl({ ...CLIENT, scopes, state: 'st-123', codeChallenge: verifierChallenge, authUrl: control.endpoints().authUrl }));
    for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    return { code: back.searchParams.get('code')!, state: back.searchParams.get('state') };
  }

  it('authorization code + PKCE gives a refresh token that drives the provider', async () => {
    const pkce = createPkce();
    const { code, state } = await consent(['openid', 'email', 'https://www.googleapis.com/auth/gmail.readonly'], pkce.codeChallenge);
    expect(state).toBe('st-123');
    const auth = client();
    const tokens = await exchangeGoogleCode(auth, code, pkce.codeVerifier);
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    const who = await verifyGoogleIdToken(auth, tokens.id_token!, { audience: CLIENT.clientId });
    expect(who).toMatchObject({ email: control.userAddress, emailVerified: true });
    expect(await kindOf(verifyGoogleIdToken(auth, tokens.id_token!, { audience: 'someone-else' }))).toBe('permanent');
    auth.setCredentials(tokens);
    const provider = createGmailProvider({ rootUrl: `${harness.emulator().url}/`, auth, pubsubTopic: 'projects/p/topics/t', now: () => new Date() });
    expect((await provider.profile()).address).toBe(control.userAddress);
    await revokeGoogleToken(auth, tokens.refresh_token!);
    auth.setCredentials({ refresh_token: tokens.refresh_token! });
    expect(await kindOf(provider.baseline())).toBe('auth_revoked');
  });

  it('a wrong code verifier or a consent without refresh token is a clear permanent error', async () => {
    const pkce = createPkce();
    const first = await consent(['email'], pkce.codeChallenge);
    expect(await kindOf(exchangeGoogleCode(client(), first.code, createPkce().codeVerifier))).toBe('permanent');
    const second = await consent(['email'], pkce.codeChallenge, { prompt: 'none' });
    await expect(exchangeGoogleCode(client(), second.code, pkce.codeVerifier)).rejects.toThrow(/did not return a refresh token/);
  });

  it('googleAuthUrl names a missing input', () => {
    expect(() => googleAuthUrl({ ...CLIENT, scopes: ['email'], state: '', codeChallenge: 'c', authUrl: 'https://a.test/auth' })).toThrow(/state is required/);
  });

  it('a genuine Pub/Sub push JWT is accepted and its body decodes', async () => {
    expect(await verify(control.pushJwt(PUSH_URL))).toBe('resolved');
    const seen: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        void verifyPubsubJwt(client(), token, { audience: `http://127.0.0.1:${port}/push`, serviceAccountEmail: control.pushServiceAccount })
          .then(() => { seen.push(decodeGmailPush(JSON.parse(body))); res.writeHead(204).end(); }, () => res.writeHead(401).end());
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      expect(await control.push(`http://127.0.0.1:${port}/push`, { emailAddress: control.userAddress, historyId: '4242' })).toBe(204);
      expect(await control.push(`http://127.0.0.1:${port}/push`, { emailAddress: control.userAddress, historyId: '1' }, { audience: 'other' })).toBe(401);
      expect(seen).toEqual([expect.objectContaining({ emailAddress: control.userAddress, historyId: '4242' })]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it.each([
    ['wrong audience', { claims: { aud: 'https://evil.example/push' } }],
    ['wrong service account', { claims: { email: 'someone@evil.iam.gserviceaccount.com' } }],
    ['unverified email', { claims: { email_verified: false } }],
    ['bad signature', { rogueKey: true }],
    ['expired', { claims: { iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 } }],
    ['wrong issuer', { claims: { iss: 'https://evil.example' } }],
  ] as const)('a push JWT with %s is rejected', async (_name, options) => {
    expect(await verify(control.pushJwt(PUSH_URL, options))).toBe('permanent');
  });

  it('a malformed push body names what is wrong', () => {
    expect(() => decodeGmailPush({ message: {} })).toThrow(/message\.data/);
    expect(() => decodeGmailPush({ message: { data: Buffer.from('{"x":1}').toString('base64url') } })).toThrow(/emailAddress and historyId/);
  });
});
