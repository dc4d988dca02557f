import { simpleParser } from 'mailparser';
import type { DraftWriter } from '../../src/providers/types.js';
import { draftWriterContract } from './draft-writer-suite.js';
import { googleHarness } from './google-harness.js';

/** The Gmail draft writer (users.drafts.create / drafts.list rfc822msgid:) against the Google emulator. */

const harness = googleHarness({ draftWriter: true });

draftWriterContract({
  name: 'gmail adapter + google emulator',
  threads: true,
  async start() {
    const started = await harness.start();
    return { mail: started.mail, writer: (started.mail as { draftWriter?: DraftWriter }).draftWriter!, control: started.control };
  },
  async read(draftId) {
    const m = harness.emulator().control.drafts.message(draftId);
    if (!m) return null;
    const parsed = await simpleParser(m.raw);
    return {
      subject: parsed.subject ?? '',
      to: (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? '')),
      messageId: parsed.messageId ?? null,
      inReplyTo: parsed.inReplyTo ?? null,
      text: parsed.text ?? '',
      thread: m.threadId,
      isDraft: m.labelIds.includes('DRAFT'),
    };
  },
  async count(messageId) {
    const { state } = harness.emulator().control;
    return [...state.drafts.values()].filter((id) => state.messages.get(id)?.raw.includes(`Message-ID: ${messageId}`)).length;
  },
  stop: () => harness.stop(),
});
