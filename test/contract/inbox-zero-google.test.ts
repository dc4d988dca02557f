import { createEmulator, type Emulator } from '@inbox-zero/emulate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGmailProvider } from '../../src/providers/gmail/provider.js';
import { createGoogleOAuthClient } from '../../src/providers/gmail/oauth.js';
import type { MailProvider } from '../../src/providers/types.js';
import { freePort } from '../../dev/support/google-service.js';

/**
 * Our Gmail adapter against an emulator we did not write (@inbox-zero/emulate 0.4.5), on the
 * surface the two share, so the adapter is checked against a second reading of the contract.
 *
 * Where that emulator differs from Google's published contract, and so from ours (found here):
 * - it has no users.getProfile (404), so `profile()` and `baseline()` can't run against it;
 * - history.list accepts any startHistoryId instead of answering 404 for an unknown one;
 * - messages.import keeps standard headers only (List-Id is dropped);
 * - messages.list ignores the `rfc822msgid:` search term, so `findSent` can't be checked.
 */
const ME = 'me@freelancer.test';
const TOKEN = 'cross-check-token';

describe('gmail adapter against @inbox-zero/emulate', () => {
  let emulator: Emulator;
  let mail: MailProvider;

  const importMessage = async (headers: string, body = 'Hello'): Promise<{ id: string; historyId: string }> => {
    const raw = Buffer.from(`${headers}\r\n\r\n${body}`).toString('base64url');
    const res = await fetch(`${emulator.url}/gmail/v1/users/me/messages/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ raw, labelIds: ['INBOX'] }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { id: string; historyId: string };
  };

  beforeAll(async () => {
    emulator = await createEmulator({
      service: 'google',
      port: await freePort(),
      seed: { tokens: { [TOKEN]: { login: ME, scopes: [] } }, google: { users: [{ email: ME, name: 'Me' }] } },
    });
    const auth = createGoogleOAuthClient({
      clientId: 'cross-check',
      clientSecret: 'cross-check',
      redirectUri: 'http://127.0.0.1/unused',
      endpoints: { tokenUrl: `${emulator.url}/token`, authUrl: `${emulator.url}/auth`, revokeUrl: `${emulator.url}/revoke`, certsUrl: `${emulator.url}/certs` },
      tokens: { access_token: TOKEN, expiry_date: Date.now() + 3_600_000 },
    });
    mail = createGmailProvider({ rootUrl: `${emulator.url}/`, auth, pubsubTopic: 'projects/x/topics/y', now: () => new Date() });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('reads new inbox mail from a history cursor, normalized', async () => {
    const first = await importMessage('From: Old <old@client.example>\r\nTo: me@freelancer.test\r\nSubject: Before the cursor\r\nMessage-ID: <old@client.example>');
    const { id } = await importMessage('From: Ana Lima <ana@client.example>\r\nTo: me@freelancer.test\r\nSubject: New question\r\nMessage-ID: <q1@client.example>\r\nDate: Tue, 24 Nov 2026 20:00:00 +0000');
    const changes = await mail.mailChangesSince(first.historyId);
    const fresh = changes.messages.find((m) => m.providerMessageId === id);
    expect(fresh).toMatchObject({ provider: 'google', subject: 'New question', messageId: '<q1@client.example>', from: { name: 'Ana Lima', address: 'ana@client.example' } });
    expect(fresh?.labels).toContain('inbox');
    expect(Date.parse(fresh!.receivedAt)).toBe(Date.parse('2026-11-24T20:00:00Z'));
    expect(/^\d+$/.test(changes.cursor)).toBe(true);
  });

  it('sends a raw RFC 5322 reply and finds it among sent mail', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const mime = 'From: me@freelancer.test\r\nTo: ana@client.example\r\nSubject: Re: New question\r\nMessage-ID: <boundary.x1@freelancer.test>\r\nAuto-Submitted: auto-replied\r\n\r\nThank you, I will answer tomorrow.';
    const sent = await mail.send({ mime, messageId: '<boundary.x1@freelancer.test>' });
    expect(sent.providerMessageId).toBeTruthy();
    const { messages: mine } = await mail.sentSince(since, 10);
    expect(mine.map((m) => m.subject)).toContain('Re: New question');
    expect(mine.find((m) => m.subject === 'Re: New question')?.to[0]?.address).toBe('ana@client.example');
  });
});
