import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectImapAccount } from '../../src/pipeline/imap-connect.js';
import { sendReply } from '../../src/pipeline/send-reply.js';
import { syncMailbox } from '../../src/pipeline/sync-mailbox.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { setSending, type AccountRow } from '../../src/storage/accounts.js';
import { putSettings } from '../../src/storage/settings-store.js';
import { createUser } from '../../src/storage/users.js';
import { asUser, sharedServers, stopSharedServers, waitFor } from '../contract/imap-harness.js';
import { lateEveningSettings } from '../../dev/support/after-hours.js';
import { mailServersMissing, type MailServers } from '../../dev/support/mail-servers.js';
import { createTestDatabase, postgresAvailable } from '../../dev/support/postgres.js';
import { testConfig, testEnv } from '../../dev/support/runtime.js';

/**
 * Exactly one reply under kills, on the real servers: a worker process sending one reply is
 * SIGKILLed at each step of the send, then the send is retried. Each time the client's Dovecot
 * mailbox holds exactly one reply and the user's Sent folder exactly one copy, marked \Seen.
 * Worker processes share PostgreSQL (PGlite is one process's).
 */
const missing = mailServersMissing() ?? ((await postgresAvailable()) ? null : 'needs PostgreSQL at 127.0.0.1:5432');
const root = path.resolve(import.meta.dirname, '../..');

/** Where the worker dies, and what the retry then reports. */
const KILLS = [
  { at: 'before-send', retry: 'sent' },
  { at: 'committing', retry: 'sent' }, // the message is with Postfix, without its final dot
  { at: 'submitted', retry: 'recovered' }, // Postfix accepted it; not yet recorded
  { at: 'appended', retry: 'recovered' }, // the Sent copy is there; not yet recorded
  { at: 'after-appended', retry: 'recovered' },
] as const;

describe.skipIf(missing !== null)(`IMAP send killed at each step${missing ? `: ${missing}` : ''}`, () => {
  let s: MailServers;
  let runtime: Runtime;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let account: AccountRow;
  const me = `killed-${randomBytes(3).toString('hex')}@boundary.test`;
  const password = randomBytes(9).toString('base64url');

  beforeAll(async () => {
    s = await sharedServers();
    await s.addUser(me, password);
    const db = await createTestDatabase();
    drop = db.drop;
    env = testEnv({ DATABASE_URL: db.url, IMAP_EXTRA_CA: s.ca, IMAP_ALLOW_PRIVATE_HOSTS: 'true' });
    runtime = await createRuntime(testConfig(env));
    const user = await createUser(runtime.database.db, { email: me });
    await putSettings(runtime.database.db, user.id, lateEveningSettings(), new Date());
    const servers = { imap: { host: '127.0.0.1', port: s.imapPort, secure: true }, smtp: { host: '127.0.0.1', port: s.submissionPort, secure: true }, caldav: null };
    account = await connectImapAccount(runtime.pipeline, runtime.config, { userId: user.id, address: me, password, servers });
    await setSending(runtime.database.db, user.id, account.id, true);
  }, 180_000);
  afterAll(async () => {
    await runtime?.close();
    await drop?.();
    await stopSharedServers();
  }, 60_000);

  /** A client's message through Postfix into the user's inbox, decided: its queued reply. */
  async function replyFromClient(client: string, subject: string) {
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: s.smtpPort, secure: false, ignoreTLS: true });
    await smtp.sendMail({ from: client, to: me, subject, text: 'Are we still on?' });
    smtp.close();
    return waitFor('the queued reply', async () => {
      await syncMailbox(runtime.pipeline, account.id);
      return runtime.database.db.selectFrom('replies').selectAll().where('recipient', '=', client).executeTakeFirst();
    });
  }

  /** Runs the send in its own process and SIGKILLs it at `at`. */
  async function killedAt(replyId: string, at: string): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/imap-send-child.ts'], { cwd: root, env: { ...process.env, ...env, REPLY_ID: replyId, KILL_AT: at }, stdio: ['ignore', 'pipe', 'inherit'] });
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

  for (const kill of KILLS) {
    it(`killed at ${kill.at}: one reply delivered, one copy in Sent`, async () => {
      const client = `kill-${kill.at}-${randomBytes(3).toString('hex')}@client.example`;
      const clientPassword = randomBytes(9).toString('base64url');
      await s.addUser(client, clientPassword);
      const reply = await replyFromClient(client, `Kill at ${kill.at}`);
      await killedAt(reply.id, kill.at);

      expect(await sendReply(runtime.pipeline, reply.id)).toBe(kill.retry);
      expect(await sendReply(runtime.pipeline, reply.id)).toBe('already-sent');
      const row = await runtime.database.db.selectFrom('replies').select(['state', 'send_step']).where('id', '=', reply.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ state: 'sent', send_step: 'appended' });

      await waitFor('Postfix to deliver everything', async () => (await s.postqueue()).includes('Mail queue is empty'));
      const delivered = await asUser(s, client, clientPassword, async (c) => {
        await c.mailboxOpen('INBOX', { readOnly: true });
        const out: string[] = [];
        for await (const m of c.fetch('1:*', { envelope: true })) out.push(m.envelope?.messageId ?? '');
        return out;
      });
      expect(delivered).toEqual([reply.message_id]);
      const copies = await asUser(s, me, password, async (c) => {
        await c.mailboxOpen('Sent', { readOnly: true });
        const out: boolean[] = [];
        for await (const m of c.fetch({ header: { 'message-id': reply.message_id } }, { flags: true })) out.push(!!m.flags?.has('\\Seen'));
        return out;
      });
      expect(copies, 'one Sent copy, read').toEqual([true]);
    }, 120_000);
  }
});
