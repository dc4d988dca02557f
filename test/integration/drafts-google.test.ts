import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGoogle, startGoogleService, until, type GoogleService } from '../../dev/support/google-service.js';
import { requestDraft, type DraftRequest } from '../../src/pipeline/drafts.js';
import { writeDraft } from '../../src/pipeline/write-draft.js';
import { getDraft, setDrafting, transitionDraft } from '../../src/storage/drafts.js';

/**
 * requestDraft → write-draft job → one draft in the Gmail mailbox, through the real service,
 * workers, Redis and the Google emulator, however often the request and the job run.
 */

const clock = new Date('2026-11-24T16:00:00Z');
const now = () => clock;
const ME = 'elira@hoxha.studio';
const SCOPES = 'openid email https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/gmail.compose';

describe('drafts written into Gmail', () => {
  let s: GoogleService;
  let accountId: string;
  const request = (o: Partial<DraftRequest> = {}): DraftRequest => ({
    accountId, userId: s.userId, clientId: null, kind: 'recap', dedupeKey: 'recap-msg-1', to: 'ana@client.example',
    subject: 'Re: Options', text: 'Dear Ana,\n\nTo confirm: option B, delivered by Friday.\n\nElira', language: 'en', ...o,
  });
  const drafts = () => [...s.emulator.control.state.drafts.keys()];

  beforeAll(async () => {
    s = await startGoogleService({ now, userAddress: ME, env: { GOOGLE_SCOPES: SCOPES } });
    accountId = await connectGoogle(s);
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
  }, 60_000);

  it("is 'off' until the account turns drafting on, and writes nothing", async () => {
    expect(await requestDraft(s.runtime.pipeline, request({ dedupeKey: 'before' }))).toBe('off');
    expect(drafts()).toEqual([]);
  });

  it('writes one draft, in the thread it answers, however often it is asked for and the job runs', async () => {
    await setDrafting(s.runtime.database.db, accountId, true);
    const { threadId, providerMessageId } = await s.emulator.control.injectMessage({ from: 'Ana <ana@client.example>', to: [ME], subject: 'Options', headers: { 'Message-ID': '<opt-1@client.example>' } });
    const req = request({ inReplyTo: { providerMessageId, messageId: '<opt-1@client.example>', threadId } });
    expect(await requestDraft(s.runtime.pipeline, req)).toBe('queued');
    expect(await requestDraft(s.runtime.pipeline, req)).toBe('exists');
    const id = (await s.runtime.database.db.selectFrom('drafts').select('id').where('dedupe_key', '=', req.dedupeKey).executeTakeFirstOrThrow()).id;
    const row = await until(async () => {
      const r = await getDraft(s.runtime.database.db, id);
      return r?.state === 'written' && r;
    });
    expect(row.body).toBeNull(); // the words live in the mailbox now, not in Boundary
    expect(drafts()).toEqual([row.provider_draft_id]);
    const stored = s.emulator.control.drafts.message(row.provider_draft_id!)!;
    expect(stored.threadId).toBe(threadId);
    const parsed = await simpleParser(stored.raw);
    expect(parsed.inReplyTo).toBe('<opt-1@client.example>');
    expect(parsed.messageId).toBe(row.message_id);
    expect(parsed.text).toContain('option B, delivered by Friday');
    expect(parsed.headers.get('auto-submitted')).toBeUndefined(); // the user sends it, as their own mail

    // The job runs again (a duplicate, a retry): nothing more is written.
    expect(await writeDraft(s.runtime.pipeline, id)).toBe('already-done');
    // A crash after the draft was saved but before it was recorded: the retry finds it by Message-ID.
    await s.runtime.database.db.updateTable('drafts').set({ state: 'writing', body: 'Dear Ana' }).where('id', '=', id).execute();
    expect(await writeDraft(s.runtime.pipeline, id)).toBe('recovered');
    expect(drafts()).toHaveLength(1);
    expect(await s.emulator.control.sent()).toEqual([]);

    const activity = (await (await fetch(`${s.baseUrl}/api/activity?kind=draft.written`, { headers: s.auth })).json()) as { entries: Array<{ summary: string }> };
    expect(activity.entries[0]?.summary).toBe('Draft for ana@client.example in your Drafts folder: Re: Options');
  });

  it('a draft queued before drafting was turned off is skipped, and says so', async () => {
    expect(await requestDraft(s.runtime.pipeline, request({ dedupeKey: 'later', subject: 'Invoice reminder' }))).toBe('queued');
    const id = (await s.runtime.database.db.selectFrom('drafts').select('id').where('dedupe_key', '=', 'later').executeTakeFirstOrThrow()).id;
    // Race the worker: whichever wins, the outcome is one draft or one skip, never both.
    await setDrafting(s.runtime.database.db, accountId, false);
    const row = await until(async () => {
      const r = await getDraft(s.runtime.database.db, id);
      return r && (r.state === 'written' || r.state === 'skipped') && r;
    });
    expect(row.body).toBeNull();
    expect(drafts()).toHaveLength(row.state === 'written' ? 2 : 1);
    expect(await transitionDraft(s.runtime.database.db, id, ['queued', 'writing'], 'written')).toBe(false);
    expect(await requestDraft(s.runtime.pipeline, request({ dedupeKey: 'after-off' }))).toBe('off');
  });
});
