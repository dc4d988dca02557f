import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../dev/support/google-service.js';
import { connectMicrosoft, startMicrosoftService, type MicrosoftService } from '../../dev/support/microsoft-service.js';
import { requestDraft } from '../../src/pipeline/drafts.js';
import { getAccount } from '../../src/storage/accounts.js';
import { getDraft } from '../../src/storage/drafts.js';

/**
 * Outlook's connect scopes already hold Mail.ReadWrite: the drafting switch turns on with no
 * consent step, and a requested draft lands once in the mailbox's Drafts, through the real
 * service, workers, Redis and the Graph emulator.
 */

const clock = new Date('2026-11-24T16:00:00Z');

describe('drafts written into Outlook', () => {
  let s: MicrosoftService;
  let accountId: string;
  beforeAll(async () => {
    s = await startMicrosoftService({ now: () => clock });
    accountId = await connectMicrosoft(s);
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
  }, 60_000);

  it('turns drafting on at once, and writes one draft however often it is asked for', async () => {
    const before = (await getAccount(s.runtime.database.db, accountId))!;
    const on = await fetch(`${s.baseUrl}/api/accounts/${accountId}/drafting`, { method: 'PUT', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify({ drafting: true }) });
    expect(on.status).toBe(200);
    expect(((await on.json()) as { account: { drafting: boolean; status: string } }).account).toMatchObject({ drafting: true, status: 'preview' });
    const req = { accountId, userId: before.user_id, clientId: null, kind: 'payment-reminder' as const, dedupeKey: 'invoice-7-due', to: 'priya@fabrikam.example',
      subject: 'Invoice INV-7 is due on Friday', text: 'Hi Priya,\n\nA friendly reminder: INV-7 is due on Friday.\n\nFran', language: 'en' as const };
    expect(await requestDraft(s.runtime.pipeline, req)).toBe('queued');
    expect(await requestDraft(s.runtime.pipeline, req)).toBe('exists');
    const id = (await s.runtime.database.db.selectFrom('drafts').select('id').where('dedupe_key', '=', req.dedupeKey).executeTakeFirstOrThrow()).id;
    const row = await until(async () => {
      const r = await getDraft(s.runtime.database.db, id);
      return r?.state === 'written' && r;
    });
    const writer = (await s.runtime.pipeline.providers((await getAccount(s.runtime.database.db, accountId))!)).draftWriter!;
    expect(await writer.find(row.message_id)).toEqual({ draftId: row.provider_draft_id });
    expect(await s.emulator.control.sent()).toEqual([]);
  });
});
