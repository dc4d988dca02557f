import { createHash, randomBytes } from 'node:crypto';
import { createEmulator, type Emulator } from '@inbox-zero/emulate';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvitationMeta } from '../../src/domain/message.js';
import { importMailboxSettings } from '../../src/providers/outlook/mailbox-settings.js';
import { acquireTokenSilently, createMsalClient, exchangeMicrosoftCode, microsoftAuthUrl, type MsalClientOptions } from '../../src/providers/outlook/oauth.js';
import { createOutlookProvider, type OutlookProvider } from '../../src/providers/outlook/provider.js';
import { ProviderError } from '../../src/providers/types.js';
import { freePort } from '../../dev/support/google-service.js';
import { startTlsProxy, type ProxiedExchange, type TlsProxy } from '../support/tls-proxy.js';

/**
 * Our Outlook adapter (Graph SDK + MSAL, unchanged) against an emulator we did not write
 * (@inbox-zero/emulate 0.4.5, service 'microsoft'), on the surface the two share. The emulator
 * speaks plain HTTP, and the SDK authenticates only https custom hosts, so it sits behind the test
 * TLS proxy, whose self-signed CA is trusted through undici's global dispatcher.
 *
 * Cross-checked here: MSAL sign-in (auth code + PKCE S256, silent refresh, a revoked refresh token
 * → auth_revoked), profile, MIME send, sentSince, and mail/calendar subscriptions (create, delete).
 *
 * Where that emulator differs from Graph's published contract, and so from ours (observed here; the
 * last block pins each one, so this list fails loudly once the emulator changes):
 * - no delta at all: /me/mailFolders/inbox/messages/delta and /me/calendarView/delta answer 404,
 *   so baseline, mailChangesSince, resyncSince, calendarBaseline and calendarChangesSince can't run;
 * - no event accept/tentativelyAccept/decline, no calendar/getSchedule, no mailboxSettings (404),
 *   so answerInvitation, freeBusy and importMailboxSettings can't run; its events carry no
 *   organizer, responseStatus, isOrganizer or time zone either;
 * - no PATCH /subscriptions/{id} (404), so renewWatch can't run;
 * - subscriptions are created without the validationToken handshake, with any expirationDateTime
 *   (Graph caps Outlook resources at 10,080 minutes), without lifecycleNotificationUrl, and no
 *   notification is ever delivered; DELETE of an unknown subscription answers 204, not 404;
 * - the OData key form /me/mailFolders('sentitems')/... answers 404 (only /mailFolders/sentitems/...
 *   is routed; Graph takes both), so the proxy rewrites that one path form for these tests;
 * - sendMail with a MIME body (Content-Type text/plain, base64) answers 202 but reads the body as
 *   JSON and files an empty message (no subject, no recipients) in Sent Items: what Exchange keeps
 *   of our headers (Auto-Submitted, Message-ID) can't be checked;
 * - $filter ignores internetMessageId (matches nothing, so findSent can't be checked) and
 *   sentDateTime (everything matches, so sentSince also returns older sent mail); $orderby sorts
 *   only by receivedDateTime; messages carry no internetMessageHeaders (no Date, no Auto-Submitted);
 * - @odata.nextLink is a relative path (/v1.0/...?$skip=N), not an absolute URL;
 * - any non-empty Authorization header is accepted as the first seeded user (even a revoked or
 *   never-issued token), so Graph 401 → auth_revoked can't be checked; nor can 429/5xx/resets
 *   (no fault injection);
 * - the identity endpoints carry no tenant segment (/oauth2/v2.0/token, not /{tenant}/oauth2/...)
 *   and token responses no client_info, so MSAL's homeAccountId is the bare oid, not uid.utid.
 *   (/oauth2/v2.0/revoke is the emulator's own; Microsoft has no such endpoint. Used as a control.)
 */

const ME = 'Ana.Freelancer@Contoso.Example';
const TOKEN = 'cross-check-token';
const CLIENT = { clientId: 'boundary-cross-check', clientSecret: 'cross-check-secret' };
const REDIRECT = 'http://127.0.0.1:9/oauth/microsoft';
const CLIENT_STATE = 'cross-check-client-state-0123456789';
const ENDPOINT = 'https://127.0.0.1:9/webhooks/microsoft';

describe('outlook adapter against @inbox-zero/emulate', () => {
  let emulator: Emulator;
  let proxy: TlsProxy;
  let provider: OutlookProvider;
  let original: Dispatcher;

  const exchangesSince = (mark: number, method: string, path: RegExp): ProxiedExchange[] =>
    proxy.exchanges.slice(mark).filter((e) => e.method === method && path.test(e.path));

  /** Raw Graph calls for setup and for pinning departures, through the same proxy. */
  const graph = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> => {
    const res = await fetch(`${proxy.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };

  const kindOf = async (work: Promise<unknown>): Promise<string> => {
    const err = await work.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    return (err as ProviderError).kind;
  };

  beforeAll(async () => {
    original = getGlobalDispatcher();
    emulator = await createEmulator({
      service: 'microsoft',
      port: await freePort(),
      seed: {
        tokens: { [TOKEN]: { login: ME, scopes: [] } },
        microsoft: {
          users: [{ email: ME, name: 'Ana Freelancer' }],
          oauth_clients: [{ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, redirect_uris: [REDIRECT] }],
        },
      },
    });
    // The emulator routes only the key-as-segment form of a folder key (see the top comment).
    proxy = await startTlsProxy(emulator.url, { rewritePath: (p) => p.replace(/\/mailFolders\('([^']+)'\)/, '/mailFolders/$1') });
    setGlobalDispatcher(new Agent({ connect: { ca: proxy.ca } }));
    provider = createOutlookProvider({
      baseUrl: proxy.url,
      getAccessToken: async () => TOKEN,
      notificationUrl: ENDPOINT,
      lifecycleUrl: `${ENDPOINT}/lifecycle`,
      clientState: CLIENT_STATE,
      now: () => new Date(),
    });
  });
  afterAll(async () => {
    setGlobalDispatcher(original);
    await proxy?.close();
    await emulator?.close();
  });

  describe('sign-in with MSAL', () => {
    const msal = (): MsalClientOptions => ({ ...CLIENT, authority: `${proxy.url}/common`, knownAuthorities: [new URL(proxy.url).host] });

    /** The consent page's form post, as the user's browser would send it. */
    async function consent(authUrl: URL): Promise<string> {
      expect((await fetch(authUrl)).status).toBe(200);
      const q = authUrl.searchParams;
      const form = new URLSearchParams({ email: ME, redirect_uri: q.get('redirect_uri')!, scope: q.get('scope')!, state: q.get('state')!, client_id: q.get('client_id')!, code_challenge: q.get('code_challenge')!, code_challenge_method: q.get('code_challenge_method')! });
      const res = await fetch(`${proxy.url}/oauth2/v2.0/authorize/callback`, { method: 'POST', body: form, redirect: 'manual' });
      expect(res.status).toBe(302);
      const back = new URL(res.headers.get('location')!);
      expect(back.searchParams.get('state')).toBe(q.get('state'));
      return back.searchParams.get('code')!;
    }

    it('code + PKCE gives a grant whose tokens open the mailbox; refresh rotates; a revoked refresh token is auth_revoked', async () => {
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const authUrl = new URL(await microsoftAuthUrl(createMsalClient(msal()), { redirectUri: REDIRECT, state: 'state-1', codeChallenge: challenge }));
      expect(authUrl.origin).toBe(proxy.url); // from the emulator's discovery document
      expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authUrl.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['offline_access', 'Mail.Send', 'Calendars.ReadWrite']));

      // The emulator checks S256: a wrong verifier is refused.
      await expect(kindOf(exchangeMicrosoftCode(createMsalClient(msal()), { code: await consent(authUrl), redirectUri: REDIRECT, codeVerifier: 'x'.repeat(43) }))).resolves.toBe('auth_revoked');

      const grant = await exchangeMicrosoftCode(createMsalClient(msal()), { code: await consent(authUrl), redirectUri: REDIRECT, codeVerifier: verifier });
      expect(grant.username.toLowerCase()).toBe(ME.toLowerCase());
      const refreshSecret = (cache: string) => Object.values(JSON.parse(cache).RefreshToken as Record<string, { secret: string }>).map((r) => r.secret);
      const cached = await acquireTokenSilently(grant.cache, { msal: msal(), homeAccountId: grant.homeAccountId });
      const refreshed = await acquireTokenSilently(grant.cache, { msal: msal(), homeAccountId: grant.homeAccountId, forceRefresh: true });
      expect(refreshed.accessToken).not.toBe(cached.accessToken);
      expect(refreshSecret(refreshed.cache)).toHaveLength(1);
      expect(refreshSecret(refreshed.cache)).not.toEqual(refreshSecret(grant.cache));

      const mailbox = createOutlookProvider({ baseUrl: proxy.url, getAccessToken: async () => refreshed.accessToken, notificationUrl: ENDPOINT, lifecycleUrl: ENDPOINT, clientState: CLIENT_STATE, now: () => new Date() });
      const mark = proxy.exchanges.length;
      expect((await mailbox.profile()).address).toBe(ME.toLowerCase());
      expect(exchangesSince(mark, 'GET', /^\/v1\.0\/me\?/)[0]?.headers.authorization).toBe(`Bearer ${refreshed.accessToken}`);

      const revoked = await fetch(`${proxy.url}/oauth2/v2.0/revoke`, { method: 'POST', body: new URLSearchParams({ token: refreshSecret(refreshed.cache)[0]! }) });
      expect(revoked.status).toBe(200);
      await expect(kindOf(acquireTokenSilently(refreshed.cache, { msal: msal(), homeAccountId: grant.homeAccountId, forceRefresh: true }))).resolves.toBe('auth_revoked');
    });
  });

  describe('mail', () => {
    it('profile names the mailbox address, lower-cased', async () => {
      await expect(provider.profile()).resolves.toEqual({ address: ME.toLowerCase(), aliases: [] });
    });

    it('send posts the MIME text base64-encoded as text/plain and is accepted (202)', async () => {
      const messageId = `<boundary.${Date.now()}@contoso.example>`;
      const mime = [`From: ${ME}`, 'To: ana@client.example', 'Subject: Re: Invoice question', `Message-ID: ${messageId}`, 'Auto-Submitted: auto-replied', 'Content-Type: text/plain; charset=utf-8', '', 'Thanks, I will answer tomorrow morning.', ''].join('\r\n');
      const mark = proxy.exchanges.length;
      await expect(provider.send({ mime, messageId })).resolves.toEqual({ providerMessageId: null });
      const posts = exchangesSince(mark, 'POST', /^\/v1\.0\/me\/sendMail$/);
      expect(posts).toHaveLength(1); // no retry, no second send
      expect(posts[0]!.status).toBe(202);
      expect(posts[0]!.headers['content-type']).toBe('text/plain');
      expect(posts[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(Buffer.from(posts[0]!.body.toString('ascii'), 'base64').toString('utf8')).toBe(mime);
    });

    it('sentSince lists what the user sent, normalized, and stops at the limit', async () => {
      const since = new Date(Date.now() - 60_000).toISOString();
      const sent = await graph('POST', '/v1.0/me/sendMail', {
        message: { subject: 'Proposal for March', toRecipients: [{ emailAddress: { address: 'Bo@Client.Example', name: 'Bo Client' } }], ccRecipients: [{ emailAddress: { address: 'cy@client.example' } }] },
      });
      expect(sent.status).toBe(202);
      const { messages: mine, incomplete } = await provider.sentSince(since, 10);
      expect(incomplete).toBeUndefined();
      const proposal = mine.find((m) => m.subject === 'Proposal for March');
      expect(proposal).toMatchObject({
        provider: 'microsoft',
        from: { name: 'Ana Freelancer', address: ME.toLowerCase() },
        to: [{ name: 'Bo Client', address: 'bo@client.example' }],
        cc: [{ address: 'cy@client.example' }],
        labels: ['sent'],
      });
      expect(proposal!.messageId).toMatch(/^<.+@.+>$/);
      expect(proposal!.threadId).not.toBe(proposal!.providerMessageId);
      expect(Date.parse(proposal!.receivedAt)).toBeGreaterThanOrEqual(Date.parse(since));
      expect(Date.parse(proposal!.receivedAt)).toBeLessThanOrEqual(Date.now());
      expect((await provider.sentSince(since, 1)).messages).toHaveLength(1);
    });
  });

  describe('subscriptions', () => {
    it('mail and calendar watches are created as Graph asks and deleted by id', async () => {
      const mark = proxy.exchanges.length;
      const before = Date.now();
      const mailWatch = await provider.startWatch();
      const calWatch = await provider.startCalendarWatch();
      expect(mailWatch.resource).toBe("/me/mailFolders('inbox')/messages");
      expect(calWatch.resource).toBe('/me/events');
      expect(calWatch.id).not.toBe(mailWatch.id);
      for (const w of [mailWatch, calWatch]) {
        const minutes = (Date.parse(w.expiresAt) - before) / 60_000;
        expect(minutes).toBeGreaterThan(9_990);
        expect(minutes).toBeLessThanOrEqual(10_080);
      }
      const bodies = exchangesSince(mark, 'POST', /^\/v1\.0\/subscriptions$/).map((e) => JSON.parse(e.body.toString('utf8')));
      expect(bodies).toEqual([
        expect.objectContaining({ changeType: 'created', resource: mailWatch.resource, notificationUrl: ENDPOINT, lifecycleNotificationUrl: `${ENDPOINT}/lifecycle`, clientState: CLIENT_STATE }),
        expect.objectContaining({ changeType: 'created,updated,deleted', resource: '/me/events', lifecycleNotificationUrl: `${ENDPOINT}/lifecycle`, clientState: CLIENT_STATE }),
      ]);

      await provider.stopWatch(mailWatch);
      await provider.stopCalendarWatch(calWatch);
      const deletes = exchangesSince(mark, 'DELETE', /^\/v1\.0\/subscriptions\//);
      expect(deletes.map((e) => [e.path, e.status])).toEqual([
        [`/v1.0/subscriptions/${encodeURIComponent(mailWatch.id)}`, 204],
        [`/v1.0/subscriptions/${encodeURIComponent(calWatch.id)}`, 204],
      ]);
    });
  });

  describe('departures from Graph, pinned (see the top comment)', () => {
    it('delta, event answers, getSchedule, mailboxSettings and subscription renewal are not served', async () => {
      const event = await graph('POST', '/v1.0/me/calendar/events', { subject: 'Kick-off', start: { dateTime: '2026-12-01T10:00:00Z', timeZone: 'UTC' }, end: { dateTime: '2026-12-01T11:00:00Z', timeZone: 'UTC' } });
      expect(event.status).toBe(201);
      expect([event.json.organizer, event.json.responseStatus, event.json.isOrganizer, event.json.start.timeZone]).toEqual([undefined, undefined, undefined, undefined]);
      const invitation: InvitationMeta = {
        provider: 'microsoft', providerEventId: event.json.id, iCalUID: null, subject: 'Kick-off', organizer: { address: 'bo@client.example' },
        start: '2026-12-01T10:00:00.000Z', end: '2026-12-01T11:00:00.000Z', timeZone: null, isAllDay: false, selfResponse: 'needsAction',
        allowNewTimeProposals: true, cancelled: false, updatedAt: new Date().toISOString(),
      };
      const watch = await provider.startWatch();
      const unserved: [string, () => Promise<unknown>][] = [
        ['baseline', () => provider.baseline()],
        ['resyncSince', () => provider.resyncSince(new Date().toISOString())],
        ['calendarBaseline', () => provider.calendarBaseline()],
        ['answerInvitation', () => provider.answerInvitation(invitation, 'tentative', 'Outside my hours')],
        ['freeBusy', () => provider.freeBusy('2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z')],
        ['renewWatch', () => provider.renewWatch(watch)],
        ['importMailboxSettings', () => importMailboxSettings({ baseUrl: proxy.url, getAccessToken: async () => TOKEN, now: () => new Date() })],
      ];
      for (const [name, work] of unserved) expect([name, await kindOf(work())]).toEqual([name, 'not_found']);
      await provider.stopWatch(watch);
    });

    it('subscriptions skip validation, accept any lifetime, and deleting an unknown one is 204', async () => {
      const month = new Date(Date.now() + 30 * 86_400_000).toISOString();
      const created = await graph('POST', '/v1.0/subscriptions', { changeType: 'created', notificationUrl: 'https://127.0.0.1:9/unreachable', lifecycleNotificationUrl: 'https://127.0.0.1:9/lc', resource: '/me/messages', expirationDateTime: month, clientState: CLIENT_STATE });
      expect(created.status).toBe(201);
      expect(created.json.expirationDateTime).toBe(month);
      expect(created.json.lifecycleNotificationUrl).toBeUndefined();
      expect((await graph('DELETE', '/v1.0/subscriptions/sub_never_created')).status).toBe(204);
    });

    it('a MIME sendMail is filed as an empty message, and $filter ignores internetMessageId and sentDateTime', async () => {
      const before = (await graph('GET', '/v1.0/me/mailFolders/sentitems/messages?$top=100')).json.value as { subject: string; toRecipients: unknown[]; sentDateTime: string; internetMessageId: string }[];
      await provider.send({ mime: `From: ${ME}\r\nTo: ana@client.example\r\nSubject: Not kept\r\nMessage-ID: <kept@contoso.example>\r\n\r\nHi`, messageId: '<kept@contoso.example>' });
      const after = (await graph('GET', '/v1.0/me/mailFolders/sentitems/messages?$top=100')).json.value as typeof before;
      expect(after).toHaveLength(before.length + 1);
      expect(after.at(-1)).toMatchObject({ subject: '', toRecipients: [] });
      expect(after.at(-1)!.internetMessageId).not.toBe('<kept@contoso.example>');

      const existing = after.find((m) => m.subject !== '')!;
      await expect(provider.findSent(existing.internetMessageId)).resolves.toBeNull();
      const old = after.find((m) => Date.parse(m.sentDateTime) < Date.now() - 30 * 60_000);
      expect(old, 'the emulator seeds sent mail from hours ago').toBeDefined();
      const { messages: recent } = await provider.sentSince(new Date(Date.now() - 60_000).toISOString(), 100);
      expect(recent.map((m) => m.subject)).toContain(old!.subject);
    });

    it("folder keys in parentheses are 404, nextLink is relative, and any bearer token is the first user", async () => {
      const direct = await fetch(`${emulator.url}/v1.0/me/mailFolders('sentitems')/messages`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(direct.status).toBe(404);
      const page = await graph('GET', '/v1.0/me/mailFolders/sentitems/messages?$top=1');
      expect(page.json['@odata.nextLink']).toMatch(/^\/v1\.0\/me\/mailFolders\/sentitems\/messages\?.*(\$|%24)skip=1/);
      const stranger = createOutlookProvider({ baseUrl: proxy.url, getAccessToken: async () => 'never-issued', notificationUrl: ENDPOINT, lifecycleUrl: ENDPOINT, clientState: CLIENT_STATE, now: () => new Date() });
      await expect(stranger.profile()).resolves.toEqual({ address: ME.toLowerCase(), aliases: [] });
    });
  });
});
