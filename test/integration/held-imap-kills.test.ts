import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectImapAccount } from '../../src/pipeline/imap-connect.js';
import { scanHeldDrafts, sendHeld } from '../../src/pipeline/held-messages.js';
import { HOLD_KEYWORD } from '../../src/providers/imap/held-drafts.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import type { AccountRow } from '../../src/storage/accounts.js';
import { getHeld, listWaiting, transitionHeld } from '../../src/storage/held-messages.js';
import { putSettings } from '../../src/storage/settings-store.js';
import { createUser } from '../../src/storage/users.js';
import { asUser, sharedServers, stopSharedServers, waitFor } from '../contract/imap-harness.js';
import { lateEveningSettings } from '../../dev/support/after-hours.js';
import { mailServersMissing, type MailServers } from '../../dev/support/mail-servers.js';
import { createTestDatabase, postgresAvailable } from '../../dev/support/postgres.js';
import { testConfig, testEnv } from '../../dev/support/runtime.js';

/**
 * Exactly one send of a held draft under kills, on the real servers (issue 21): a worker process
 * sending it is SIGKILLed at each step, then the send is retried. Each time the client's mailbox
 * holds exactly one copy, Sent exactly one, marked \Seen, and the draft is gone from Drafts.
 * Worker processes share PostgreSQL (PGlite is one process's).
 */
const missing = mailServersMissing() ?? ((await postgresAvailable()) ? null : 'needs PostgreSQL at 127.0.0.1:5432');
const root = path.resolve(import.meta.dirname, '../..');

const KILLS = [
  { at: 'before-send', retry: 'sent' },
  { at: 'committing', retry: 'sent' }, // the message is with Postfix, without its final dot
  { at: 'submitted', retry: 'sent' }, // Postfix accepted it; the retry only files the Sent copy
  { at: 'appended', retry: 'sent' }, // the Sent copy is there; the retry finds it and removes the draft
  { at: 'after-appended', retry: 'sent' },
  { at: 'after-send', retry: 'recovered' }, // the draft is gone; the copy in Sent says it went
] as const;

describe.skipIf(missing !== null)(`held draft send killed at each step${missing ? `: ${missing}` : ''}`, () => {
  let s: MailServers;
  let runtime: Runtime;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let account: AccountRow;
  const me = `held-${randomBytes(3).toString('hex')}@boundary.test`;
  const password = randomBytes(9).toString('base64url');

  beforeAll(async () => {
    s = await sharedServers();
    await s.addUser(me, password);
    const db = await createTestDatabase();
    drop = db.drop;
    env = testEnv({ DATABASE_URL: db.url, IMAP_EXTRA_CA: s.ca, IMAP_ALLOW_PRIVATE_HOSTS: 'true' });
    runtime = await createRuntime(testConfig(env));
    const user = await createUser(runtime.database.db, { email: me });
    await putSettings(runtime.database.db, user.id, { ...lateEveningSettings(), hold: { enabled: true } }, new Date());
    const servers = { imap: { host: '127.0.0.1', port: s.imapPort, secure: true }, smtp: { host: '127.0.0.1', port: s.submissionPort, secure: true }, caldav: null };
    account = await connectImapAccount(runtime.pipeline, runtime.config, { userId: user.id, address: me, password, servers });
  }, 180_000);
  afterAll(async () => {
    await runtime?.close();
    await drop?.();
    await stopSharedServers();
  }, 60_000);

  async function killedAt(heldId: string, at: string): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/held-send-child.ts'], { cwd: root, env: { ...process.env, ...env, HELD_ID: heldId, KILL_AT: at }, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(`the worker to reach ${at}`, async () => {
      if (child.exitCode !== null) throw new Error(`the worker ended before ${at}: ${out}`);
      return out.includes(`at ${at}\n`);
    }, 60_000);
    child.kill('SIGKILL');
    await exited;
  }

  for (const [i, kill] of KILLS.entries()) {
    it(`killed at ${kill.at}: one copy delivered, one in Sent, the draft gone`, async () => {
      const client = `held-${kill.at}-${randomBytes(3).toString('hex')}@client.example`;
      const clientPassword = randomBytes(9).toString('base64url');
      await s.addUser(client, clientPassword);
      const messageId = `<kill-${kill.at}-${randomBytes(4).toString('hex')}@boundary.test>`;
      await asUser(s, me, password, (c) => c.append('Drafts', `From: ${me}\r\nTo: ${client}\r\nSubject: Kill at ${kill.at}\r\nMessage-ID: ${messageId}\r\n\r\nLate reply.\r\n`, ['\\Draft', HOLD_KEYWORD]));
      // Each test is a scan later than the bound allows: the runtime's clock is real, so ask past it.
      const later = { ...runtime.pipeline, now: () => new Date(Date.now() + (i + 1) * 3_600_000) };
      expect(await scanHeldDrafts(later, account, (await runtime.pipeline.providers(account)).heldDrafts!)).toBe(1);
      const row = (await listWaiting(runtime.database.db, account.user_id)).find((r) => r.message_id === messageId)!;
      const id = String(row.id);
      expect(await transitionHeld(runtime.database.db, id, ['waiting'], 'waiting', { sendAt: new Date() })).toBe(true);

      await killedAt(id, kill.at);
      expect(await sendHeld(runtime.pipeline, id)).toBe(kill.retry);
      expect(await sendHeld(runtime.pipeline, id)).toBe('already-done');
      expect((await getHeld(runtime.database.db, id))?.state).toBe('sent');

      await waitFor('Postfix to deliver everything', async () => (await s.postqueue()).includes('Mail queue is empty'));
      const delivered = await asUser(s, client, clientPassword, async (c) => {
        await c.mailboxOpen('INBOX', { readOnly: true });
        const out: string[] = [];
        if ((c.mailbox as { exists: number }).exists > 0) for await (const m of c.fetch('1:*', { envelope: true })) out.push(m.envelope?.messageId ?? '');
        return out;
      });
      expect(delivered).toEqual([messageId]);
      const mine = await asUser(s, me, password, async (c) => {
        const copies: boolean[] = [];
        await c.mailboxOpen('Sent', { readOnly: true });
        for await (const m of c.fetch({ header: { 'message-id': messageId } }, { flags: true })) copies.push(!!m.flags?.has('\\Seen'));
        await c.mailboxOpen('Drafts', { readOnly: true });
        const drafts = (await c.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
        return { copies, drafts };
      });
      expect(mine.copies, 'one Sent copy, read').toEqual([true]);
      expect(mine.drafts, 'the draft is gone').toEqual([]);
    }, 120_000);
  }
});
