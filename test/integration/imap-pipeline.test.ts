import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImapWatcher, type ImapWatcher } from '../../workers/imap-watch.js';
import { asUser, sharedServers, stopSharedServers, waitFor } from '../contract/imap-harness.js';
import { freePort } from '../../dev/support/google-service.js';
import { queuesIdle } from '../../dev/support/idle.js';
import { lateEveningSettings } from '../../dev/support/after-hours.js';
import { mailServersMissing, type MailServers } from '../../dev/support/mail-servers.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { serveWithWorkers } from '../../dev/support/serve.js';
import { userWithToken } from '../../dev/support/users.js';
import type { Runtime } from '../../src/runtime.js';
import { refreshSentMail } from '../../src/pipeline/sent-mail.js';
import { getAccount } from '../../src/storage/accounts.js';

/**
 * End to end on real servers: a client's message goes into Postfix, Postfix delivers it into
 * Dovecot over LMTP, the watcher's IDLE sees it, and the pipeline answers over SMTP submission
 * and files the answer in Sent. Dovecot stamps arrival with the real time, so the clock is the
 * real one and the user lives where it is now 23:00.
 */
const clock = () => new Date();

const missing = mailServersMissing();
describe.skipIf(missing !== null)(`IMAP pipeline end to end${missing ? `: ${missing}` : ''}`, () => {
  let s: MailServers;
  let runtime: Runtime;
  let close: () => Promise<void>;
  let watcher: ImapWatcher;
  let baseUrl: string;
  let auth: { authorization: string };
  const me = `freelancer-${randomBytes(3).toString('hex')}@boundary.test`;
  const password = randomBytes(9).toString('base64url');
  const client = `priya-${randomBytes(3).toString('hex')}@client.example`;
  const clientPassword = randomBytes(9).toString('base64url');

  beforeAll(async () => {
    s = await sharedServers();
    await s.addUser(me, password);
    await s.addUser(client, clientPassword);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    runtime = await testRuntime({ now: clock, env: { PUBLIC_URL: baseUrl, IMAP_EXTRA_CA: s.ca, IMAP_ALLOW_PRIVATE_HOSTS: 'true', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    ({ close } = await serveWithWorkers(runtime, port));
    ({ auth } = await userWithToken(runtime.database.db, me));
    const put = await fetch(`${baseUrl}/api/settings`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(lateEveningSettings()) });
    expect(put.status).toBe(200);
  }, 180_000); // Postfix's start-up checks alone take seconds on a busy machine
  afterAll(async () => {
    await watcher?.close();
    await close?.();
    await stopSharedServers();
  }, 60_000);

  const connectBody = (pw: string) => ({
    address: me,
    password: pw,
    imap: { host: '127.0.0.1', port: s.imapPort, secure: true },
    smtp: { host: '127.0.0.1', port: s.submissionPort, secure: true },
    caldav: null,
  });

  it('a wrong password is refused with its own message, and nothing is saved', async () => {
    const res = await fetch(`${baseUrl}/api/accounts/imap`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(connectBody('not-the-password')) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { step: string; message: string };
    expect(body.step).toBe('imap-login');
    expect(body.message).toMatch(/refused the address and password.*app password/);
    const list = (await (await fetch(`${baseUrl}/api/accounts`, { headers: auth })).json()) as { accounts: unknown[] };
    expect(list.accounts).toHaveLength(0);
  });

  it('a client message submitted to Postfix at 23:00 gets exactly one reply, in the client mailbox and in Sent', async () => {
    const res = await fetch(`${baseUrl}/api/accounts/imap`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(connectBody(password)) });
    expect(res.status, await res.clone().text()).toBe(201);
    const { account } = (await res.json()) as { account: { id: string; provider: string } };
    expect(account.provider).toBe('imap');
    const row = await runtime.database.db.selectFrom('accounts').select('tokens').where('id', '=', account.id).executeTakeFirstOrThrow();
    expect(row.tokens).not.toContain(password);
    const on = await fetch(`${baseUrl}/api/accounts/${account.id}/sending`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ sending: true }) });
    expect(on.status).toBe(200);
    watcher = startImapWatcher(runtime, { leaseMs: 5_000 });
    await waitFor('the watcher to hold the mailbox', async () => watcher.held().includes(account.id));

    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: s.smtpPort, secure: false, ignoreTLS: true });
    await smtp.sendMail({ from: `Priya <${client}>`, to: me, subject: 'Sunday night thought', text: 'Could we move the launch?' });
    smtp.close();

    const replies = await waitFor('the reply in the client mailbox', () =>
      asUser(s, client, clientPassword, async (c) => {
        await c.mailboxOpen('INBOX');
        const out: string[] = [];
        for await (const m of c.fetch('1:*', { source: true })) out.push(m.source!.toString('utf8'));
        return out.length > 0 && out;
      }),
    );
    await queuesIdle(runtime);
    await waitFor('Postfix to deliver everything', async () => (await s.postqueue()).includes('Mail queue is empty'));
    const clientMail = await asUser(s, client, clientPassword, async (c) => {
      await c.mailboxOpen('INBOX');
      const out: string[] = [];
      for await (const m of c.fetch('1:*', { source: true })) out.push(m.source!.toString('utf8'));
      return out;
    });
    expect(clientMail).toHaveLength(1);
    expect(replies[0]).toMatch(/^Auto-Submitted: auto-replied/m);
    expect(replies[0]).toMatch(/^Subject: Re: Sunday night thought/m);

    const mine = await asUser(s, me, password, async (c) => {
      const sent: Array<{ flags: string[]; raw: string }> = [];
      await c.mailboxOpen('Sent', { readOnly: true });
      for await (const m of c.fetch('1:*', { source: true, flags: true })) sent.push({ flags: [...(m.flags ?? [])], raw: m.source!.toString('utf8') });
      await c.mailboxOpen('INBOX', { readOnly: true });
      const inbox: string[][] = [];
      for await (const m of c.fetch('1:*', { flags: true })) inbox.push([...(m.flags ?? [])]);
      return { sent, inbox };
    });
    expect(mine.sent).toHaveLength(1);
    expect(mine.sent[0]!.flags).toContain('\\Seen');
    expect(mine.sent[0]!.raw).toMatch(/^Subject: Re: Sunday night thought/m);
    // Boundary read the client's message without marking it read.
    expect(mine.inbox).toHaveLength(1);
    expect(mine.inbox[0]).not.toContain('\\Seen');

    // The Sent copy was recorded as it went out, under the key a read of Sent gives it: reading
    // sent mail again finds it known, and the ledger holds it once.
    const stored = (await getAccount(runtime.database.db, account.id))!;
    expect(await refreshSentMail(runtime.pipeline, stored)).toBe(0);
    const copies = await runtime.database.db.selectFrom('messages').select(['provider_message_id', 'automated', 'subject']).where('account_id', '=', account.id).where('direction', '=', 'out').execute();
    const replyId = /^Message-ID: (<[^>]+>)/im.exec(mine.sent[0]!.raw)![1]!;
    expect(copies).toEqual([{ provider_message_id: replyId, automated: true, subject: 'Re: Sunday night thought' }]);
  });
});
