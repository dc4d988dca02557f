import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGoogleEmulator, type GoogleEmulator } from '../../dev/emulators/google/server.js';

/** Gmail users.drafts and users.labels as the published reference describes them (issue 21). */

const NOW = new Date('2026-11-23T22:40:00Z');
let emu: GoogleEmulator;
let token: string;

async function gmail(path: string, method = 'GET', body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emu.url}/gmail/v1/users/me${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const mime = (subject: string, text: string, to = 'ana@client.example') =>
  `From: me@freelancer.test\r\nTo: ${to}\r\nSubject: ${subject}\r\n\r\n${text}\r\n`;
const raw = (subject: string, text: string, to?: string) => Buffer.from(mime(subject, text, to)).toString('base64url');

beforeEach(async () => {
  emu = await startGoogleEmulator({ now: () => NOW, clientId: 'c', clientSecret: 's' });
  const res = await fetch(`${emu.url}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: emu.control.issueRefreshToken(), client_id: 'c', client_secret: 's' }) });
  token = ((await res.json()) as { access_token: string }).access_token;
});
afterEach(() => emu.close());

describe('gmail drafts', () => {
  it('create gives a DRAFT-labelled message with a Message-ID; get answers minimal, metadata, full and raw', async () => {
    const created = await gmail('/drafts', 'POST', { message: { raw: raw('Plan', 'Tomorrow works.') } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^r/), message: { id: expect.any(String), labelIds: ['DRAFT'] } });
    const id = created.body.id as string;
    const meta = await gmail(`/drafts/${id}?format=metadata&metadataHeaders=Subject`);
    expect(meta.body.message.payload.headers).toEqual([{ name: 'Subject', value: 'Plan' }]);
    const full = await gmail(`/drafts/${id}`);
    expect(full.body.message.payload.headers.some((h: { name: string }) => h.name === 'Message-ID')).toBe(true);
    expect(Buffer.from(full.body.message.payload.body.data, 'base64url').toString()).toContain('Tomorrow works.');
    const asRaw = await gmail(`/drafts/${id}?format=raw`);
    expect(Buffer.from(asRaw.body.message.raw, 'base64url').toString()).toMatch(/^Message-ID: <.+>\r\n/);
    expect((await gmail(`/drafts/${id}?format=pretty`)).status).toBe(400);
    expect((await gmail('/drafts/r404')).status).toBe(404);
    expect((await gmail('/drafts', 'POST', { message: {} })).status).toBe(400);
  });

  it('list takes q (label names as Gmail search writes them), pages, and lists only id and message ids', async () => {
    const ids = [0, 1, 2].map((i) => emu.control.drafts.create(mime(`d${i}`, 'x')));
    emu.control.drafts.label(ids[1]!, 'Boundary/Send in the morning');
    const all = await gmail('/drafts?maxResults=2');
    expect(all.body.drafts).toHaveLength(2);
    expect(Object.keys(all.body.drafts[0])).toEqual(['id', 'message']);
    expect(Object.keys(all.body.drafts[0].message).sort()).toEqual(['id', 'threadId']);
    const rest = await gmail(`/drafts?maxResults=2&pageToken=${all.body.nextPageToken}`);
    expect([...all.body.drafts, ...rest.body.drafts].map((d: { id: string }) => d.id).sort()).toEqual([...ids].sort());
    const marked = await gmail(`/drafts?q=${encodeURIComponent('label:boundary-send-in-the-morning')}`);
    expect(marked.body.drafts.map((d: { id: string }) => d.id)).toEqual([ids[1]]);
    expect((await gmail('/drafts?q=label:no-such-label')).body.drafts).toBeUndefined();
    expect((await gmail('/drafts?q=bogus:term')).status).toBe(400);
  });

  it('messages.list with labelIds=DRAFT and a user label finds marked drafts; the label travels with the message', async () => {
    const id = emu.control.drafts.create(mime('Plan', 'x'));
    emu.control.drafts.label(id, 'Boundary/Send in the morning');
    const labels = (await gmail('/labels')).body.labels as Array<{ id: string; name: string; type: string }>;
    const mine = labels.find((l) => l.name === 'Boundary/Send in the morning')!;
    expect(mine.type).toBe('user');
    expect(labels.find((l) => l.id === 'DRAFT')?.type).toBe('system');
    const listed = await gmail(`/messages?labelIds=DRAFT&labelIds=${mine.id}`);
    expect(listed.body.messages).toEqual([{ id: emu.control.drafts.message(id)!.id, threadId: expect.any(String) }]);
    expect((await gmail(`/drafts/${id}?format=minimal`)).body.message.labelIds).toEqual(['DRAFT', mine.id]);
  });

  it('labels.create returns a user label and refuses a name that exists (409) or is empty (400)', async () => {
    const made = await gmail('/labels', 'POST', { name: 'Boundary/Send in the morning', labelListVisibility: 'labelShow', messageListVisibility: 'show' });
    expect(made.body).toMatchObject({ id: expect.stringMatching(/^Label_/), name: 'Boundary/Send in the morning', type: 'user' });
    expect((await gmail('/labels', 'POST', { name: 'boundary/send in the morning' })).status).toBe(409);
    expect((await gmail('/labels', 'POST', { name: 'INBOX' })).status).toBe(409);
    expect((await gmail('/labels', 'POST', { name: ' ' })).status).toBe(400);
  });

  it('update keeps the draft id, gives a new message (and Message-ID) and keeps the user label', async () => {
    const id = emu.control.drafts.create(mime('Plan', 'first'));
    emu.control.drafts.label(id, 'Boundary/Send in the morning');
    const before = emu.control.drafts.message(id)!;
    const updated = await gmail(`/drafts/${id}`, 'PUT', { id, message: { raw: raw('Plan', 'second') } });
    expect(updated.body.id).toBe(id);
    expect(updated.body.message.id).not.toBe(before.id);
    expect((await gmail(`/messages/${before.id}`)).status).toBe(404);
    const after = emu.control.drafts.message(id)!;
    expect(after.body).toContain('second');
    expect(after.labelIds).toEqual(before.labelIds);
    expect(after.headers.find((h) => h.name === 'Message-ID')?.value).not.toBe(before.headers.find((h) => h.name === 'Message-ID')?.value);
    expect((await gmail('/drafts/r404', 'PUT', { message: { raw: raw('x', 'y') } })).status).toBe(404);
  });

  it('send sends the draft as it is now, returns the sent Message, and the draft is gone', async () => {
    const id = emu.control.drafts.create(mime('Plan', 'first'));
    emu.control.drafts.edit(id, mime('Plan', 'edited'));
    const messageId = emu.control.drafts.message(id)!.headers.find((h) => h.name === 'Message-ID')!.value;
    const sent = await gmail('/drafts/send', 'POST', { id });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ id: expect.any(String), threadId: expect.any(String), labelIds: ['SENT'] });
    expect((await gmail(`/drafts/${id}`)).status).toBe(404);
    expect((await gmail('/drafts/send', 'POST', { id })).status).toBe(404);
    const records = await emu.control.sent();
    expect(records).toHaveLength(1);
    expect(records[0]!.raw).toContain('edited');
    const found = await gmail(`/messages?q=${encodeURIComponent(`in:sent rfc822msgid:${messageId.replace(/[<>]/g, '')}`)}`);
    expect(found.body.messages).toEqual([{ id: sent.body.id, threadId: sent.body.threadId }]);
    expect((await gmail('/drafts/send', 'POST', {})).status).toBe(400);
  });

  it('send refuses a draft without recipients; delete is permanent (404 after, nothing in Trash)', async () => {
    const bare = emu.control.drafts.create('From: me@freelancer.test\r\nSubject: none\r\n\r\nx\r\n');
    expect((await gmail('/drafts/send', 'POST', { id: bare })).status).toBe(400);
    expect(emu.control.drafts.message(bare)).toBeDefined();
    const id = emu.control.drafts.create(mime('Plan', 'x'));
    const messageId = emu.control.drafts.message(id)!.id;
    expect((await gmail(`/drafts/${id}`, 'DELETE')).status).toBe(204);
    expect((await gmail(`/drafts/${id}`)).status).toBe(404);
    expect((await gmail(`/messages/${messageId}`)).status).toBe(404);
    expect((await gmail(`/drafts/${id}`, 'DELETE')).status).toBe(404);
    expect(await emu.control.sent()).toEqual([]);
  });
});
