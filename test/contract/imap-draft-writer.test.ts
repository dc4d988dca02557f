import { simpleParser } from 'mailparser';
import { afterAll, expect } from 'vitest';
import { draftWriterContract } from './draft-writer-suite.js';
import { asUser, startImapAccount, stopSharedServers, type ImapHarnessState } from './imap-harness.js';

/** The IMAP draft writer (APPEND to \Drafts with \Draft) against real Dovecot, read back over IMAP. */

let current: ImapHarnessState | undefined;
afterAll(() => stopSharedServers(), 60_000);

async function inDrafts(messageId: string): Promise<Array<{ raw: string; flags: Set<string> }>> {
  const { servers, access } = current!;
  return asUser(servers, access.username, access.password, async (c) => {
    await c.mailboxOpen('Drafts', { readOnly: true });
    const uids = (await c.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
    const out: Array<{ raw: string; flags: Set<string> }> = [];
    if (uids.length === 0) return out;
    for await (const m of c.fetch(uids, { source: true, flags: true }, { uid: true })) out.push({ raw: m.source?.toString('utf8') ?? '', flags: m.flags ?? new Set() });
    return out;
  });
}

draftWriterContract({
  name: 'imap (Debian Dovecot)',
  threads: false,
  async start() {
    current = await startImapAccount();
    return { mail: current.provider, writer: current.provider.draftWriter, control: current.control };
  },
  async read(draftId, messageId) {
    expect(draftId).toBe(messageId);
    const [m] = await inDrafts(messageId);
    if (!m) return null;
    const parsed = await simpleParser(m.raw);
    return {
      subject: parsed.subject ?? '',
      to: (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => v.address ?? '')),
      messageId: parsed.messageId ?? null,
      inReplyTo: parsed.inReplyTo ?? null,
      text: parsed.text ?? '',
      thread: null,
      isDraft: m.flags.has('\\Draft'),
    };
  },
  count: async (messageId) => (await inDrafts(messageId)).length,
  async stop() {
    await current?.proxy.close();
    current = undefined;
  },
});
