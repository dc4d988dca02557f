import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../dev/emulators/google/server.js';

/** The emulator's contract facts, checked against /work/shared/reference/google.md over plain HTTP. */

const NOW = new Date('2026-03-03T12:00:00Z');
let emu: GoogleEmulator;
let token: string;

async function api(path: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  const res = await fetch(`${emu.url}${path}`, { ...init, headers, body: init.json === undefined ? init.body : JSON.stringify(init.json) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

async function tokenFor(refreshToken: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'c', client_secret: 's' }) });
  return { status: res.status, body: await res.json() };
}

const inject = (subject: string, extra: object = {}) =>
  emu.control.injectMessage({ from: 'Ana <ana@client.example>', to: [emu.control.userAddress], subject, ...extra });
const event = (subject: string) => emu.control.injectEvent({ subject, organizer: 'ana@client.example',
  attendees: ['ana@client.example', emu.control.userAddress], start: '2026-03-05T10:00:00Z', end: '2026-03-05T11:00:00Z' });

beforeEach(async () => {
  emu = await startGoogleEmulator({ now: () => NOW, clientId: 'c', clientSecret: 's' });
  token = (await tokenFor(emu.control.issueRefreshToken())).body.access_token;
});
afterEach(() => emu.close());

describe('gmail', () => {
  it('rejects calls without a valid bearer token (401)', async () => {
    token = '';
    expect((await api('/gmail/v1/users/me/profile')).status).toBe(401);
  });

  it('history.list: 400 without startHistoryId, 404 for unknown or expired ids', async () => {
    expect((await api('/gmail/v1/users/me/history')).status).toBe(400);
    const { body: profile } = await api('/gmail/v1/users/me/profile');
    expect((await api(`/gmail/v1/users/me/history?startHistoryId=${Number(profile.historyId) + 1000}`)).status).toBe(404);
    await inject('a');
    await emu.control.expireMailCursor();
    const expired = await api(`/gmail/v1/users/me/history?startHistoryId=${profile.historyId}`);
    expect(expired.status).toBe(404);
    expect(expired.body.error.code).toBe(404);
  });

  it('history.list: increasing non-contiguous ids, id+threadId only, label filter, paging', async () => {
    const { body: profile } = await api('/gmail/v1/users/me/profile');
    for (let i = 0; i < 5; i++) await inject(`m${i}`);
    await emu.control.injectSentMessage({ from: emu.control.userAddress, to: ['ana@client.example'], subject: 'sent' });
    const ids: number[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const { body } = await api(`/gmail/v1/users/me/history?startHistoryId=${profile.historyId}&historyTypes=messageAdded&labelId=INBOX&maxResults=2${pageToken}`);
      pages++;
      for (const h of body.history ?? []) {
        ids.push(Number(h.id));
        expect(Object.keys(h.messages[0]).sort()).toEqual(['id', 'threadId']);
      }
      pageToken = body.nextPageToken ? `&pageToken=${body.nextPageToken}` : '';
    } while (pageToken);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(5); // the SENT message is filtered out by labelId=INBOX
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(ids.some((id, i) => i > 0 && id - ids[i - 1]! > 1)).toBe(true);
  });

  it('messages.list understands newer_than, after, in:sent and rfc822msgid; other terms are 400', async () => {
    await inject('x');
    await emu.control.injectSentMessage({ from: emu.control.userAddress, to: ['ana@client.example'], subject: 'y' });
    const sec = NOW.getTime() / 1000;
    expect((await api('/gmail/v1/users/me/messages?q=newer_than:1d')).body.messages).toHaveLength(2);
    expect((await api(`/gmail/v1/users/me/messages?q=after:${sec}`)).body.messages).toBeUndefined();
    expect((await api(`/gmail/v1/users/me/messages?q=after:${sec - 1}&labelIds=INBOX`)).body.messages).toHaveLength(1);
    const sent = (await api('/gmail/v1/users/me/messages?q=in:sent')).body.messages;
    expect(sent).toHaveLength(1);
    const raw = await api(`/gmail/v1/users/me/messages/${sent[0].id}?format=raw`);
    const msgId = /^Message-ID: (.+)$/m.exec(Buffer.from(raw.body.raw, 'base64url').toString())![1]!.trim();
    expect((await api(`/gmail/v1/users/me/messages?q=${encodeURIComponent(`rfc822msgid:${msgId.slice(1, -1)}`)}`)).body.messages).toEqual(sent);
    expect((await api('/gmail/v1/users/me/messages?q=has:attachment')).status).toBe(400);
  });

  it('messages.get format=metadata returns only the asked headers, labels and internalDate', async () => {
    const { providerMessageId } = await inject('hello', { headers: { 'List-Id': '<l.example>' }, labels: ['SPAM'] });
    const { body } = await api(`/gmail/v1/users/me/messages/${providerMessageId}?format=metadata&metadataHeaders=Subject&metadataHeaders=list-id`);
    expect(body.payload.headers).toEqual([{ name: 'Subject', value: 'hello' }, { name: 'List-Id', value: '<l.example>' }]);
    expect(body.labelIds).toEqual(['SPAM']);
    expect(body.internalDate).toBe(String(NOW.getTime()));
    expect((await api('/gmail/v1/users/me/messages/nope')).status).toBe(404);
  });

  it('send threads only with threadId plus matching references and subject; SENT shows in history', async () => {
    const { threadId, providerMessageId } = await inject('Scope');
    const { body: meta } = await api(`/gmail/v1/users/me/messages/${providerMessageId}?format=metadata&metadataHeaders=Message-ID`);
    const msgId = meta.payload.headers[0].value;
    const raw = (subject: string, refs: string) =>
      Buffer.from(`To: ana@client.example\r\nSubject: ${subject}\r\nIn-Reply-To: ${refs}\r\nReferences: ${refs}\r\n\r\nok\r\n`).toString('base64url');
    const send = (subject: string, refs: string) => api('/gmail/v1/users/me/messages/send', { method: 'POST', json: { raw: raw(subject, refs), threadId } });
    expect((await send('RE: Scope', msgId)).body.threadId).toBe(threadId);
    expect((await send('Re: Scope', '<other@x>')).body.threadId).not.toBe(threadId);
    expect((await send('Budget', msgId)).body.threadId).not.toBe(threadId);
    const { body: history } = await api(`/gmail/v1/users/me/history?startHistoryId=${meta.historyId}`);
    expect(history.history.at(-1).messagesAdded[0].message.labelIds).toEqual(['SENT']);
    expect((await api('/gmail/v1/users/me/messages/send', { method: 'POST', json: {} })).status).toBe(400);
  });

  it('watch expires 7 days ahead; quota units follow the per-method table', async () => {
    const before = await emu.control.quotaUnits();
    const watch = await api('/gmail/v1/users/me/watch', { method: 'POST', json: { topicName: 'projects/p/topics/t', labelIds: ['INBOX'] } });
    expect(Number(watch.body.expiration)).toBe(NOW.getTime() + 7 * 86_400_000);
    const { providerMessageId } = await inject('q');
    await api('/gmail/v1/users/me/profile');
    await api(`/gmail/v1/users/me/history?startHistoryId=${watch.body.historyId}`);
    await api('/gmail/v1/users/me/messages');
    await api(`/gmail/v1/users/me/messages/${providerMessageId}?format=metadata`);
    await api('/gmail/v1/users/me/messages/send', { method: 'POST', json: { raw: Buffer.from('To: a@b.c\r\n\r\nx').toString('base64url') } });
    expect((await emu.control.quotaUnits()) - before).toBe(100 + 1 + 2 + 5 + 5 + 100);
    expect(await emu.control.requestCount()).toBe(6);
  });
});

describe('calendar', () => {
  const list = (q: string) => api(`/calendar/v3/calendars/primary/events?${q}`);

  it('nextSyncToken only on the last page; deleted events come back cancelled; 410 when expired', async () => {
    for (const s of ['a', 'b', 'c']) await event(s);
    const first = await list('maxResults=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextSyncToken).toBeUndefined();
    const last = await list(`maxResults=2&pageToken=${first.body.nextPageToken}`);
    expect(last.body.nextPageToken).toBeUndefined();
    expect(last.body.nextSyncToken).toEqual(expect.any(String));
    await emu.control.cancelEvent(first.body.items[0].id);
    const changes = await list(`syncToken=${last.body.nextSyncToken}`);
    expect(changes.body.items).toEqual([expect.objectContaining({ id: first.body.items[0].id, status: 'cancelled' })]);
    await emu.control.expireCalendarCursor();
    const gone = await list(`syncToken=${changes.body.nextSyncToken}`);
    expect(gone.status).toBe(410);
    expect(gone.body.error.errors[0].reason).toBe('fullSyncRequired');
  });

  it('serves eventType on every event and filters by the repeatable eventTypes parameter (400 for an unknown type)', async () => {
    const { providerEventId: away } = await emu.control.injectOutOfOffice({ start: '2030-02-04', end: '2030-02-06', allDay: true });
    const all = await list('');
    expect(all.body.items.find((e: { id: string }) => e.id === away)).toMatchObject({ eventType: 'outOfOffice', start: { date: '2030-02-04' }, end: { date: '2030-02-06' }, outOfOfficeProperties: expect.any(Object) });
    expect(all.body.items.every((e: { eventType?: string }) => typeof e.eventType === 'string')).toBe(true);
    const only = await list('eventTypes=outOfOffice');
    expect(only.body.items.map((e: { id: string }) => e.id)).toEqual([away]);
    const both = await list('eventTypes=outOfOffice&eventTypes=default');
    expect(both.body.items).toHaveLength(all.body.items.length);
    expect((await list('eventTypes=holiday')).status).toBe(400);
  });

  it.each(['timeMin', 'timeMax', 'q', 'orderBy', 'updatedMin', 'iCalUID'])('syncToken with %s is 400', async (param) => {
    const { body } = await list('');
    expect((await list(`syncToken=${body.nextSyncToken}&${param}=2026-03-01T00:00:00Z`)).status).toBe(400);
  });

  it('patch: whole attendees array, If-Match etag (412 on conflict), others untouchable (403)', async () => {
    const { providerEventId } = await event('call');
    const path = `/calendar/v3/calendars/primary/events/${providerEventId}?sendUpdates=all`;
    const { body: ev } = await api(`/calendar/v3/calendars/primary/events/${providerEventId}`);
    const answered = ev.attendees.map((a: any) => (a.self ? { ...a, responseStatus: 'tentative', comment: 'maybe' } : a));
    expect((await api(path, { method: 'PATCH', headers: { 'if-match': '"stale"' }, json: { attendees: answered } })).status).toBe(412);
    expect((await api(path, { method: 'PATCH', json: { attendees: answered.filter((a: any) => a.self) } })).status).toBe(403);
    expect((await api(path, { method: 'PATCH', json: { summary: 'mine now' } })).status).toBe(403);
    const ok = await api(path, { method: 'PATCH', headers: { 'if-match': ev.etag }, json: { attendees: answered } });
    expect(ok.status).toBe(200);
    expect(ok.body.etag).not.toBe(ev.etag);
    expect(await emu.control.eventResponse(providerEventId)).toEqual({ response: 'tentative', comment: 'maybe' });
  });

  it('freeBusy returns busy intervals clipped to the window, merged', async () => {
    await emu.control.busy('2026-03-04T09:00:00Z', '2026-03-04T10:00:00Z');
    await emu.control.busy('2026-03-04T09:30:00Z', '2026-03-04T11:00:00Z');
    const { body } = await api('/calendar/v3/freeBusy', { method: 'POST',
      json: { timeMin: '2026-03-04T09:15:00Z', timeMax: '2026-03-04T18:00:00Z', items: [{ id: 'primary' }] } });
    expect(body.calendars.primary.busy).toEqual([{ start: '2026-03-04T09:15:00Z', end: '2026-03-04T11:00:00Z' }]);
    expect((await api('/calendar/v3/freeBusy', { method: 'POST', json: { items: [] } })).status).toBe(400);
  });
});

describe('oauth and faults', () => {
  it('429 carries Retry-After; 403 userRateLimitExceeded has the real body; then service resumes', async () => {
    await emu.control.fault({ kind: 'status', status: 429, retryAfterSeconds: 3, times: 1 });
    await emu.control.fault({ kind: 'userRateLimit', times: 1 });
    const limited = await api('/gmail/v1/users/me/profile');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    const user = await api('/gmail/v1/users/me/profile');
    expect(user.status).toBe(403);
    expect(user.body.error.errors[0]).toMatchObject({ domain: 'usageLimits', reason: 'userRateLimitExceeded' });
    expect((await api('/gmail/v1/users/me/profile')).status).toBe(200);
  });

  it('a reset drops the connection; 503 is backendError', async () => {
    await emu.control.fault({ kind: 'reset', times: 1 });
    await expect(api('/gmail/v1/users/me/profile')).rejects.toThrow();
    await emu.control.fault({ kind: 'status', status: 503, times: 1 });
    expect((await api('/gmail/v1/users/me/profile')).body.error.errors[0].reason).toBe('backendError');
  });

  it('ID tokens are RS256 and verify against both the PEM and the JWKS certs', async () => {
    const [head, payload, sig] = emu.control.idToken().split('.') as [string, string, string];
    const { kid } = JSON.parse(Buffer.from(head, 'base64url').toString());
    const pem = ((await (await fetch(emu.control.endpoints().certsUrl)).json()) as Record<string, string>)[kid]!;
    const jwks = ((await (await fetch(emu.control.endpoints().jwksUrl)).json()) as { keys: (JsonWebKey & { kid?: string })[] }).keys.find((k) => k.kid === kid)!;
    for (const key of [createPublicKey(pem), createPublicKey({ key: jwks, format: 'jwk' })]) {
      expect(verify('RSA-SHA256', Buffer.from(`${head}.${payload}`), key, Buffer.from(sig, 'base64url'))).toBe(true);
    }
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ iss: 'https://accounts.google.com', aud: 'c', email_verified: true });
  });

  it('revoked tokens: 401 on API calls and invalid_grant on refresh', async () => {
    const refresh = emu.control.issueRefreshToken();
    await emu.control.fault({ kind: 'revokeTokens' });
    expect((await api('/gmail/v1/users/me/profile')).status).toBe(401);
    expect(await tokenFor(refresh)).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });
});
