import { createHash, randomBytes } from 'node:crypto';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterEach, beforeAll, afterAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireTokenSilently, createMsalClient, exchangeMicrosoftCode, microsoftAuthUrl, type MsalClientOptions } from '../../src/providers/outlook/oauth.js';
import { clientStateMatches, parseGraphNotification } from '../../src/providers/outlook/webhook.js';
import { ProviderError } from '../../src/providers/types.js';
import { startEndpoint } from '../../dev/emulators/microsoft/endpoint.js';
import { startGraphEmulator, type GraphEmulator } from '../../dev/emulators/microsoft/index.js';

/** The Graph emulator checked against the facts in /work/shared/reference/microsoft.md. */

let original: Dispatcher;
beforeAll(() => { original = getGlobalDispatcher(); });
afterAll(() => setGlobalDispatcher(original));

let emu: GraphEmulator;
let token: string;
beforeEach(async () => {
  emu = await startGraphEmulator();
  setGlobalDispatcher(new Agent({ connect: { ca: emu.ca } }));
  token = emu.control.accessToken();
});
afterEach(() => emu.close());

async function call(method: string, path: string, opts: { body?: unknown; text?: string; headers?: Record<string, string>; auth?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.auth ?? token}`, ...opts.headers };
  let body: string | undefined;
  if (opts.text !== undefined) { body = opts.text; headers['content-type'] ??= 'text/plain'; }
  else if (opts.body !== undefined) { body = JSON.stringify(opts.body); headers['content-type'] ??= 'application/json'; }
  const url = path.startsWith('https://') ? path : `${emu.baseUrl}/v1.0${path}`;
  const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, any>) : null };
}

const inject = (subject: string) => emu.control.injectMessage({ from: 'Ana <ana@client.example>', to: [emu.control.userAddress], subject });

describe('Graph emulator: mail delta', () => {
  it('pages with maxpagesize, absolute https links, $select honoured, @removed after a delete', async () => {
    for (let i = 0; i < 5; i++) await inject(`m${i}`);
    const first = await call('GET', "/me/mailFolders('inbox')/messages/delta?$select=subject,internetMessageHeaders", { headers: { prefer: 'odata.maxpagesize=2' } });
    expect(first.status).toBe(200);
    expect(first.json!.value).toHaveLength(2);
    expect(Object.keys(first.json!.value[0]).sort()).toEqual(['@odata.etag', 'id', 'internetMessageHeaders', 'subject']);
    let link: string = first.json!['@odata.nextLink'];
    expect(link).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\.0\/.*\$skiptoken=/);
    const subjects = first.json!.value.map((m: { subject: string }) => m.subject);
    let deltaLink = '';
    while (link) {
      const page = await call('GET', link, { headers: { prefer: 'odata.maxpagesize=2' } });
      subjects.push(...page.json!.value.map((m: { subject: string }) => m.subject));
      link = page.json!['@odata.nextLink'];
      deltaLink = page.json!['@odata.deltaLink'] ?? deltaLink;
    }
    expect(subjects).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(deltaLink).toContain('$deltatoken=');
    const { providerMessageId } = await inject('late');
    await emu.control.deleteMessage(providerMessageId);
    const next = await call('GET', deltaLink);
    expect(next.json!.value).toEqual([{ id: providerMessageId, '@removed': { reason: 'deleted' } }]);
  });

  it('without $select there are no internetMessageHeaders; an unknown property is 400', async () => {
    await inject('x');
    const plain = await call('GET', '/me/mailFolders/inbox/messages/delta');
    expect(plain.json!.value[0].internetMessageHeaders).toBeUndefined();
    expect((await call('GET', "/me/mailFolders('inbox')/messages/delta?$select=nope")).status).toBe(400);
  });

  it('an expired delta token is 410 Gone with Location and syncStateNotFound', async () => {
    const first = await call('GET', "/me/mailFolders('inbox')/messages/delta");
    await emu.control.expireMailCursor();
    const gone = await call('GET', first.json!['@odata.deltaLink']);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('location')).toMatch(/\/messages\/delta$/);
    expect(gone.json!.error.code).toBe('syncStateNotFound');
  });

  it('needs a valid bearer token, and revoked tokens get 401', async () => {
    expect((await call('GET', '/me', { auth: 'forged' })).status).toBe(401);
    await emu.control.fault({ kind: 'revokeTokens' });
    expect((await call('GET', '/me')).status).toBe(401);
  });

  it('injected faults: 429 with Retry-After, 503, then normal; requests are counted', async () => {
    await emu.control.fault({ kind: 'status', status: 429, retryAfterSeconds: 9, times: 1 });
    await emu.control.fault({ kind: 'status', status: 503, times: 1 });
    const throttled = await call('GET', '/me');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('9');
    expect(throttled.json!.error.code).toBe('TooManyRequests');
    expect((await call('GET', '/me')).status).toBe(503);
    expect((await call('GET', '/me')).status).toBe(200);
    expect(await emu.control.requestCount()).toBe(3);
  });
});

describe('Graph emulator: sending', () => {
  const mime = (id: string) => ['From: me@contoso.example', 'To: ana@client.example', 'Subject: Re: hi', `Message-ID: ${id}`, 'Auto-Submitted: auto-replied', 'In-Reply-To: <orig@client.example>', '', 'Back tomorrow.', ''].join('\r\n');

  it('sendMail with base64 MIME is 202 and keeps the headers; findable by internetMessageId', async () => {
    const res = await call('POST', '/me/sendMail', { text: Buffer.from(mime('<r1@boundary.test>')).toString('base64') });
    expect(res.status).toBe(202);
    const [sent] = await emu.control.sent();
    expect(sent!.raw).toMatch(/^Auto-Submitted: auto-replied\r$/m);
    expect(sent!.raw).toMatch(/^In-Reply-To: <orig@client\.example>\r$/m);
    const found = await call('GET', `/me/messages?$filter=${encodeURIComponent("internetMessageId eq '<r1@boundary.test>'")}`);
    expect(found.json!.value).toHaveLength(1);
  });

  it('sendMail rejects non-base64 MIME and JSON messages with non-x- headers', async () => {
    expect((await call('POST', '/me/sendMail', { text: mime('<r2@x>') })).status).toBe(400);
    const json = await call('POST', '/me/sendMail', { body: { message: { subject: 's', toRecipients: [{ emailAddress: { address: 'a@b.example' } }], internetMessageHeaders: [{ name: 'Auto-Submitted', value: 'auto-replied' }] } } });
    expect(json.status).toBe(400);
    expect(json.json!.error.code).toBe('InvalidInternetMessageHeader');
  });

  it('createReply → PATCH x- header → send threads the reply', async () => {
    const { providerMessageId } = await inject('question');
    const draft = await call('POST', `/me/messages/${providerMessageId}/createReply`, { body: { comment: 'Soon.' } });
    expect(draft.status).toBe(201);
    expect(draft.json!.subject).toBe('RE: question');
    expect((await call('PATCH', `/me/messages/${draft.json!.id}`, { body: { internetMessageHeaders: [{ name: 'Auto-Submitted', value: 'x' }] } })).status).toBe(400);
    expect((await call('PATCH', `/me/messages/${draft.json!.id}`, { body: { internetMessageHeaders: [{ name: 'X-Auto-Response-Suppress', value: 'All' }] } })).status).toBe(200);
    expect((await call('POST', `/me/messages/${draft.json!.id}/send`)).status).toBe(202);
    const [sent] = await emu.control.sent();
    expect(sent!.raw).toMatch(/^In-Reply-To: <.+>\r$/m);
    expect(sent!.raw).toMatch(/^X-Auto-Response-Suppress: All\r$/m);
  });
});

describe('Graph emulator: calendar', () => {
  const start = new Date(Date.UTC(2030, 0, 15, 17, 0)).toISOString();
  const end = new Date(Date.UTC(2030, 0, 15, 18, 0)).toISOString();

  it('calendarView delta forbids $select/$filter and honours Prefer outlook.timezone', async () => {
    await emu.control.injectEvent({ subject: 'e', organizer: 'ana@client.example', attendees: [emu.control.userAddress], start, end });
    const window = 'startDateTime=2030-01-01T00:00:00Z&endDateTime=2030-02-01T00:00:00Z';
    expect((await call('GET', `/me/calendarView/delta?${window}&$select=subject`)).status).toBe(400);
    expect((await call('GET', `/me/calendarView/delta?${window}&$filter=subject eq 'e'`)).status).toBe(400);
    const local = await call('GET', `/me/calendarView/delta?${window}`);
    expect(local.json!.value[0].start).toEqual({ dateTime: '2030-01-15T09:00:00.0000000', timeZone: 'Pacific Standard Time' });
    const utc = await call('GET', `/me/calendarView/delta?${window}`, { headers: { prefer: 'outlook.timezone="UTC"' } });
    expect(utc.json!.value[0].start).toEqual({ dateTime: '2030-01-15T17:00:00.0000000', timeZone: 'UTC' });
    expect(utc.json!.value[0]).toMatchObject({ isOrganizer: false, responseRequested: true, responseStatus: { response: 'notResponded' }, allowNewTimeProposals: true });
  });

  it('serves showAs, writes all-day events as floating midnights, and lists calendarView with $select', async () => {
    const { providerEventId: away } = await emu.control.injectOutOfOffice({ start: '2030-03-04', end: '2030-03-06', allDay: true });
    const window = 'startDateTime=2030-03-01T00:00:00Z&endDateTime=2030-04-01T00:00:00Z';
    const view = await call('GET', `/me/calendarView?${window}&$select=showAs,isAllDay,start,end`, { headers: { prefer: 'outlook.timezone="Tokyo Standard Time"' } });
    expect(view.status).toBe(200);
    expect(view.json!.value).toEqual([expect.objectContaining({ id: away, showAs: 'oof', isAllDay: true, start: { dateTime: '2030-03-04T00:00:00.0000000', timeZone: 'Tokyo Standard Time' }, end: { dateTime: '2030-03-06T00:00:00.0000000', timeZone: 'Tokyo Standard Time' } })]);
    expect(view.json!.value[0].subject).toBeUndefined();
    expect((await call('GET', '/me/calendarView?$select=showAs')).status).toBe(400);
  });

  it('proposedNewTime: 400 on accept, 400 when proposals are not allowed, 202 on decline when allowed', async () => {
    const open = await emu.control.injectEvent({ subject: 'o', organizer: 'ana@client.example', attendees: [], start, end });
    const closed = await emu.control.injectEvent({ subject: 'c', organizer: 'ana@client.example', attendees: [], start, end, allowNewTimeProposals: false });
    const proposedNewTime = { start: { dateTime: '2030-01-16T10:00:00', timeZone: 'UTC' }, end: { dateTime: '2030-01-16T11:00:00', timeZone: 'UTC' } };
    expect((await call('POST', `/me/events/${open.providerEventId}/accept`, { body: { comment: '', sendResponse: true, proposedNewTime } })).status).toBe(400);
    expect((await call('POST', `/me/events/${closed.providerEventId}/decline`, { body: { comment: '', sendResponse: true, proposedNewTime } })).status).toBe(400);
    expect((await call('POST', `/me/events/${open.providerEventId}/decline`, { body: { comment: 'No', sendResponse: true, proposedNewTime } })).status).toBe(202);
    expect(await emu.control.eventResponse(open.providerEventId)).toEqual({ response: 'declined', comment: 'No' });
    expect((await emu.control.eventResponse(closed.providerEventId)).response).toBe('notResponded');
  });
});

describe('Graph emulator: subscriptions', () => {
  const body = (url: string, minutes: number) => ({
    changeType: 'created', resource: "/me/mailFolders('inbox')/messages", notificationUrl: url, lifecycleNotificationUrl: `${url}/lc`,
    clientState: 'secret-secret-secret', expirationDateTime: new Date(Date.now() + minutes * 60_000).toISOString(),
  });

  it('validation handshake: no echo → 400 and nothing created; echo → 201; expiry raised to 45 min, capped at 10,080', async () => {
    const silent = await startEndpoint({ echo: false });
    const echo = await startEndpoint({ echo: true });
    try {
      expect((await call('POST', '/subscriptions', { body: body(silent.url, 60) })).status).toBe(400);
      expect(emu.control.subscriptions()).toHaveLength(0);
      const short = await call('POST', '/subscriptions', { body: body(echo.url, 5) });
      expect(short.status).toBe(201);
      expect(Date.parse(short.json!.expirationDateTime) - Date.now()).toBeGreaterThan(44 * 60_000);
      expect((await call('POST', '/subscriptions', { body: body(echo.url, 10_081) })).status).toBe(400);
      const renewed = await call('PATCH', `/subscriptions/${short.json!.id}`, { body: { expirationDateTime: new Date(Date.now() + 3 * 86_400_000).toISOString() } });
      expect(renewed.status).toBe(200);
      expect((await call('PATCH', `/subscriptions/${short.json!.id}`, { body: { lifecycleNotificationUrl: echo.url, expirationDateTime: renewed.json!.expirationDateTime } })).status).toBe(400);
      await inject('notify me');
      const notes = parseGraphNotification(echo.received[0]!.body);
      expect(notes[0]).toMatchObject({ kind: 'change', changeType: 'created', subscriptionId: short.json!.id });
      expect(clientStateMatches('secret-secret-secret', notes[0]!.clientState)).toBe(true);
      expect((await call('DELETE', `/subscriptions/${short.json!.id}`)).status).toBe(204);
    } finally {
      await silent.close();
      await echo.close();
    }
  });
});

describe('Graph emulator: OAuth through MSAL', () => {
  function msalOptions(): MsalClientOptions {
    const o = emu.control.oauth;
    return { clientId: o.clientId, clientSecret: o.clientSecret, authority: o.authority, authorityMetadata: o.authorityMetadata, cloudDiscoveryMetadata: o.cloudDiscoveryMetadata };
  }

  async function signIn() {
    const client = createMsalClient(msalOptions());
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const redirectUri = 'http://127.0.0.1:1/connect/microsoft/callback';
    const url = await microsoftAuthUrl(client, { redirectUri, state: 'st-1', codeChallenge: challenge });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('st-1');
    return exchangeMicrosoftCode(client, { code: back.searchParams.get('code')!, redirectUri, codeVerifier: verifier });
  }

  it('authorization code + PKCE gives an account and a cache; silent refresh works until revocation', async () => {
    const grant = await signIn();
    expect(grant.username).toBe(emu.control.userAddress);
    expect(grant.homeAccountId).toMatch(/^[0-9a-f-]+\.[0-9a-f-]+$/);
    const silent = await acquireTokenSilently(grant.cache, { msal: msalOptions(), homeAccountId: grant.homeAccountId, forceRefresh: true });
    expect((await call('GET', '/me', { auth: silent.accessToken })).status).toBe(200);
    await emu.control.fault({ kind: 'revokeTokens' });
    const err = await acquireTokenSilently(silent.cache, { msal: msalOptions(), homeAccountId: grant.homeAccountId, forceRefresh: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('auth_revoked');
  });

  it('a wrong PKCE verifier is invalid_grant', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const o = emu.control.oauth;
    const authorize = new URL(`${o.authority}/oauth2/v2.0/authorize`);
    Object.entries({ client_id: o.clientId, redirect_uri: 'http://127.0.0.1:1/cb', response_type: 'code', scope: 'User.Read', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' }).forEach(([k, v]) => authorize.searchParams.set(k, v));
    const code = new URL((await fetch(authorize, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const res = await fetch(`${o.authority}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:1/cb', code_verifier: 'wrong', client_id: o.clientId, client_secret: o.clientSecret }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_grant');
  });
});
