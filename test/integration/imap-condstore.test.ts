import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { imapClient } from '../../src/providers/imap/connection.js';
import { parseCursor } from '../../src/providers/imap/cursor.js';
import { inboxChanges } from '../../src/providers/imap/mail.js';
import { ProviderError } from '../../src/providers/types.js';
import { asUser, startImapAccount, stopSharedServers, type ImapHarnessState } from '../contract/imap-harness.js';
import { mailServersMissing } from '../../dev/support/mail-servers.js';

/** CONDSTORE against Dovecot: the cursor carries HIGHESTMODSEQ, and a sync asks only for what changed. */
const missing = mailServersMissing();
describe.skipIf(missing !== null)(`IMAP CONDSTORE cursor${missing ? `: ${missing}` : ''}`, () => {
  const states: ImapHarnessState[] = [];
  afterEach(async () => {
    for (const st of states.splice(0)) await st.proxy.close();
  });
  afterAll(stopSharedServers, 60_000);

  /** One sync on its own connection, with the commands it sent. */
  async function changes(st: ImapHarnessState, cursor: string) {
    const commands: string[] = [];
    const log = (o: { src?: string; msg?: string }) => void (o.src === 'c' && o.msg && commands.push(o.msg));
    const client = imapClient(st.access, { logger: { debug: log, info: log, warn: () => {}, error: () => {} } });
    await client.connect();
    try {
      const result = await inboxChanges(client, cursor);
      return { ...result, asked: commands.filter((c) => /\b(SEARCH|FETCH)\b/i.test(c)) };
    } finally {
      await client.logout();
    }
  }

  it('nothing changed: nothing asked; flags changed: cursor moves, nothing read; new mail: searched by MODSEQ', async () => {
    const st = await startImapAccount();
    states.push(st);
    await st.control.injectMessage({ from: 'old@client.example', to: [st.control.userAddress], subject: 'before the baseline' });
    const baseline = await st.provider.baseline();
    expect(parseCursor(baseline).modseq).not.toBeNull();

    const quiet = await changes(st, baseline);
    expect(quiet).toMatchObject({ messages: [], cursor: baseline, asked: [] });

    await asUser(st.servers, st.access.username, st.access.password, async (c) => {
      await c.mailboxOpen('INBOX');
      await c.messageFlagsAdd('1:*', ['\\Flagged']);
    });
    const flagged = await changes(st, baseline);
    expect(flagged.messages).toEqual([]);
    expect(flagged.asked).toEqual([]);
    const moved = parseCursor(flagged.cursor);
    expect(moved.modseq! > parseCursor(baseline).modseq!).toBe(true);
    expect(moved.uidNext).toBe(parseCursor(baseline).uidNext);

    await st.control.injectMessage({ from: 'new@client.example', to: [st.control.userAddress], subject: 'after the baseline' });
    const fresh = await changes(st, flagged.cursor);
    expect(fresh.messages.map((m) => m.subject)).toEqual(['after the baseline']);
    expect(fresh.asked.some((c) => /SEARCH.*MODSEQ/i.test(c))).toBe(true);
    expect(parseCursor(fresh.cursor).modseq! > moved.modseq!).toBe(true);
  });

  it('a UIDVALIDITY change is still a resync, whatever the modseq', async () => {
    const st = await startImapAccount();
    states.push(st);
    const baseline = await st.provider.baseline();
    await st.control.expireMailCursor();
    const err = await st.provider.mailChangesSince(baseline).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('cursor_expired');
  });
});
