import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftMessageId, renderDraft } from '../../src/domain/drafts/compose.js';
import type { DraftWriter, MailProvider } from '../../src/providers/types.js';
import type { EmulatorControl } from '../../dev/emulators/harness.js';

/**
 * The draftWriter capability (issue 20), one contract for every provider: a draft lands in the
 * user's Drafts with the Message-ID we wrote, is found again by it, and joins the thread it answers.
 */

export interface WrittenDraft {
  subject: string;
  to: string[];
  messageId: string | null;
  inReplyTo: string | null;
  text: string;
  /** The provider's thread or conversation, where it has one. */
  thread: string | null;
  /** It sits in the Drafts folder, marked as a draft. */
  isDraft: boolean;
}

export interface DraftHarness {
  name: string;
  /** Whether the provider keeps a thread id for a draft that answers (IMAP threads by headers only). */
  threads: boolean;
  start(): Promise<{ mail: MailProvider; writer: DraftWriter; control: EmulatorControl }>;
  /** The draft as the mailbox holds it, read by the provider's own means; null when there is none. */
  read(draftId: string, messageId: string): Promise<WrittenDraft | null>;
  /** How many drafts in the mailbox carry this Message-ID. */
  count(messageId: string): Promise<number>;
  stop(): Promise<void>;
}

const at = DateTime.fromISO('2026-11-24T21:00:00Z');

export function draftWriterContract(harness: DraftHarness): void {
  describe(`draft writer contract: ${harness.name}`, () => {
    let mail: MailProvider;
    let writer: DraftWriter;
    let control: EmulatorControl;
    beforeEach(async () => {
      ({ mail, writer, control } = await harness.start());
    });
    afterEach(() => harness.stop());

    const draft = (key: string, o: { subject?: string; text?: string; inReplyTo?: string | null } = {}) => {
      const messageId = draftMessageId(control.userAddress, 'acct-1', key);
      const mime = renderDraft({ from: { name: 'Elira Hoxha', address: control.userAddress }, to: 'ana@client.example', subject: o.subject ?? 'Our agreement',
        text: o.text ?? 'Dear Ana,\n\nTo confirm what we agreed: option B, by Friday.\n\nElira', language: 'en', inReplyTo: o.inReplyTo ?? null, messageId }, at);
      return { mime, messageId };
    };

    it('writes a draft into Drafts carrying our Message-ID, and finds it again by it', async () => {
      const { mime, messageId } = draft('recap-1', { subject: 'Përmbledhje: opsioni B', text: 'Përshëndetje Ana,\n\nOpsioni B, deri të premten.' });
      expect(await writer.find(messageId)).toBeNull();
      const made = await writer.create({ mime, messageId });
      expect(made.draftId).toEqual(expect.any(String));
      const stored = await harness.read(made.draftId, messageId);
      expect(stored).toMatchObject({ subject: 'Përmbledhje: opsioni B', to: ['ana@client.example'], messageId, isDraft: true, inReplyTo: null });
      expect(stored!.text).toContain('Opsioni B, deri të premten.');
      expect(await writer.find(messageId)).toEqual({ draftId: made.draftId });
      expect(await writer.find(draft('other').messageId)).toBeNull();
      // Nothing was sent: a draft waits for the user.
      expect(await control.sent()).toEqual([]);
    });

    it('a draft that answers a message carries In-Reply-To and joins its thread', async () => {
      const inbound = await control.injectMessage({ from: 'Ana <ana@client.example>', to: [control.userAddress], subject: 'Options', body: 'Let us go with B.' });
      const meta = (await mail.resyncSince(new Date(Date.now() - 3_600_000).toISOString())).messages.find((m) => m.providerMessageId === inbound.providerMessageId);
      expect(meta?.messageId).toMatch(/^<.+>$/);
      const { mime, messageId } = draft('recap-2', { subject: 'Re: Options', inReplyTo: meta!.messageId });
      const made = await writer.create({ mime, messageId, threadId: meta!.threadId, inReplyToProviderId: inbound.providerMessageId });
      const stored = await harness.read(made.draftId, messageId);
      expect(stored?.inReplyTo).toBe(meta!.messageId);
      if (harness.threads) expect(stored?.thread).toBe(meta!.threadId);
      expect(await harness.count(messageId)).toBe(1);
    });

    it('refuses to search for something that is not a Message-ID', async () => {
      await expect(writer.find('not an id')).rejects.toMatchObject({ kind: 'permanent' });
    });
  });
}
