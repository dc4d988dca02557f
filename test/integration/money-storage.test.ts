import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../dev/support/runtime.js';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { deleteClient, insertClient } from '../../src/storage/settings-store.js';
import { recordScopeRequest, scopeRequests } from '../../src/storage/scopes.js';
import { insertInvoice, listInvoices, recordReminderStage } from '../../src/storage/invoices.js';
import { createUser } from '../../src/storage/users.js';

describe('revision rounds counted from mail', () => {
  let handle: DatabaseHandle;
  let userId: string;
  let clientId: string;
  const accountId = 'acc-money';
  const at = (iso: string) => new Date(iso);
  const request = (id: string, when: string, kind: 'revision' | 'extra-work' = 'revision') =>
    recordScopeRequest(handle.db, { userId, clientId, accountId, providerMessageId: id, kind, evidence: 'please change the colours', receivedAt: at(when), clientAddresses: ['anna@acme.example'] });
  const answer = (id: string, when: string) =>
    handle.db.insertInto('messages').values({ account_id: accountId, provider_message_id: id, thread_id: 't', message_id: null, direction: 'out', from_address: 'me@studio.example', recipients: JSON.stringify(['anna@acme.example']), client_id: null, subject: 'v2', received_at: when }).execute();

  beforeAll(async () => {
    handle = await testDatabase('pglite');
    userId = (await createUser(handle.db, { email: 'money@example.com' })).id;
    clientId = (await insertClient(handle.db, userId, { name: 'Acme', addresses: ['anna@acme.example'], domains: [], vip: false, autoReply: true }, at('2026-12-01T00:00:00Z'))).id;
    await handle.db.insertInto('accounts').values({ id: accountId, user_id: userId, provider: 'google', address: 'me@studio.example', tokens: 'x' }).execute();
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('counts a message once, however often it is decided', async () => {
    const first = await request('m1', '2026-12-01T09:00:00Z');
    expect(first).toMatchObject({ created: true, request: { round: 1 } });
    expect(await request('m1', '2026-12-01T09:00:00Z')).toMatchObject({ created: false, request: { round: 1 } });
    await Promise.all([request('m1', '2026-12-01T09:00:00Z'), request('m1', '2026-12-01T09:00:00Z')]);
    expect(await scopeRequests(handle.db, userId, clientId)).toHaveLength(1);
  });

  it('a second note before the user answers is the same round; after an answer, the next round starts', async () => {
    expect((await request('m2', '2026-12-01T11:00:00Z')).request.round).toBe(1);
    await answer('out-1', '2026-12-02T10:00:00Z');
    expect((await request('m3', '2026-12-03T09:00:00Z')).request.round).toBe(2);
    await answer('out-2', '2026-12-04T10:00:00Z');
    expect((await request('m4', '2026-12-05T09:00:00Z')).request.round).toBe(3);
    // Extra work is counted on its own, without rounds; the same message can be both.
    expect(await request('m4', '2026-12-05T09:00:00Z', 'extra-work')).toMatchObject({ created: true, request: { round: null } });
    expect((await scopeRequests(handle.db, userId, clientId)).map((r) => [r.kind, r.round])).toEqual([['revision', 1], ['revision', 1], ['revision', 2], ['revision', 3], ['extra-work', null]]);
  });

  it('keeps one invoice per client and reference, one reminder per stage, and forgets them with the client', async () => {
    const invoice = { reference: 'INV-1', amount: '100.00', currency: 'EUR', issuedOn: '2026-12-01', dueOn: '2026-12-10', paidOn: null, contact: null, language: null };
    const row = await insertInvoice(handle.db, userId, clientId, invoice, { status: 'open', source: 'manual' }, at('2026-12-01T00:00:00Z'));
    expect(row?.amount).toBe('100.00');
    expect(await insertInvoice(handle.db, userId, clientId, invoice, { status: 'suggested', source: 'mail' }, at('2026-12-01T00:00:00Z'))).toBeNull();
    expect(await recordReminderStage(handle.db, row!.id, 'due', at('2026-12-10T08:00:00Z'))).toBe(true);
    expect(await recordReminderStage(handle.db, row!.id, 'due', at('2026-12-10T09:00:00Z'))).toBe(false);
    expect((await listInvoices(handle.db, userId))[0]!.reminders).toEqual([{ stage: 'due', draftedAt: '2026-12-10T08:00:00.000Z' }]);
    await deleteClient(handle.db, userId, clientId, at('2026-12-11T00:00:00Z'));
    expect(await listInvoices(handle.db, userId)).toEqual([]);
    expect(await scopeRequests(handle.db, userId, clientId)).toEqual([]);
  });
});
