import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGraphEmulator, type GraphEmulator } from '../../dev/emulators/microsoft/index.js';

/** The Graph emulator's drafts (held drafts, issue 21) checked against the message resource and message-send docs. */

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

async function call(method: string, path: string, body?: unknown) {
  const url = path.startsWith('https://') ? path : `${emu.baseUrl}/v1.0${path}`;
  const res = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : null };
}

const DRAFTS = "/me/mailFolders('drafts')/messages";
const to = [{ emailAddress: { address: 'ana@client.example', name: 'Ana' } }];

describe('Graph emulator: drafts', () => {
  it('creates drafts, lists them by category with paging, and every change moves changeKey and lastModifiedDateTime', async () => {
    const create = async (subject: string, categories: string[]) => {
      const made = await call('POST', '/me/messages', { subject, body: { contentType: 'text', content: 'v1' }, toRecipients: to });
      expect(made.status).toBe(201);
      const marked = await call('PATCH', `/me/messages/${made.json!.id}`, { categories });
      expect(marked.status).toBe(200);
      return (await call('GET', `/me/messages/${made.json!.id}`)).json!;
    };
    const made = { json: await create('Plan', ['Hold']) };
    expect(made.json).toMatchObject({ isDraft: true, categories: ['Hold'], internetMessageId: expect.stringMatching(/^<.+>$/) });
    await create('Other', ['hold']);
    await create('Unmarked', []);
    const first = await call('GET', `${DRAFTS}?$filter=categories/any(c:c eq 'Hold')&$select=id,changeKey&$top=1`);
    expect(first.json!.value).toHaveLength(1);
    expect(Object.keys(first.json!.value[0]).sort()).toEqual(['@odata.etag', 'changeKey', 'id']);
    const second = await call('GET', first.json!['@odata.nextLink']);
    expect(second.json!.value).toHaveLength(1);
    expect(second.json!['@odata.nextLink']).toBeUndefined();
    expect((await call('GET', `${DRAFTS}?$filter=startswith(subject,'P')`)).status).toBe(400);

    const id = made.json!.id as string;
    const patched = await call('PATCH', `/me/messages/${id}`, { body: { contentType: 'text', content: 'v2' } });
    expect(patched.status).toBe(200);
    const now = await call('GET', `/me/messages/${id}?$select=changeKey,lastModifiedDateTime,body`);
    expect(now.json!.changeKey).not.toBe(made.json!.changeKey);
    expect(now.json!.body.content).toBe('v2');
    expect((await call('PATCH', `/me/messages/${id}`, { categories: 'Hold' })).status).toBe(400);
  });

  it('send moves the draft to Sent Items under a new id; the draft id is gone; delete is 204 then 404', async () => {
    const made = await call('POST', '/me/messages', { subject: 'Go', body: { contentType: 'text', content: 'sent as is' }, toRecipients: to });
    const id = made.json!.id as string;
    expect((await call('POST', `/me/messages/${id}/send`)).status).toBe(202);
    expect((await call('GET', `/me/messages/${id}`)).status).toBe(404);
    expect((await call('POST', `/me/messages/${id}/send`)).status).toBe(404);
    const filed = await call('GET', `/me/mailFolders('sentitems')/messages?$filter=internetMessageId eq '${made.json!.internetMessageId}'&$select=id`);
    expect(filed.json!.value).toHaveLength(1);
    expect(filed.json!.value[0].id).not.toBe(id);
    expect((await emu.control.sent())[0]!.raw).toContain('sent as is');

    const empty = await call('POST', '/me/messages', { subject: 'Nobody' });
    expect((await call('POST', `/me/messages/${empty.json!.id}/send`)).status).toBe(400);
    expect((await call('DELETE', `/me/messages/${empty.json!.id}`)).status).toBe(204);
    expect((await call('GET', `/me/messages/${empty.json!.id}`)).status).toBe(404);
    expect((await call('DELETE', `/me/messages/${empty.json!.id}`)).status).toBe(404);
  });
});
