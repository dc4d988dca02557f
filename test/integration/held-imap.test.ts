import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser, ORGANIZER, sharedServers, stopSharedServers, waitFor } from '../contract/imap-harness.js';
import { lateEveningSettings } from '../../dev/support/after-hours.js';
import { mailServersMissing, type MailServers } from '../../dev/support/mail-servers.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';
import { scanHeldDrafts, sendHeld } from '../../src/pipeline/held-messages.js';
import { HOLD_KEYWORD } from '../../src/providers/imap/held-drafts.js';
import type { SendStep } from '../../src/providers/types.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { getAccount } from '../../src/storage/accounts.js';
import { getHeld, heldDraftVersions, listWaiting, recordHeldSendStep, transitionHeld } from '../../src/storage/held-messages.js';

/**
 * Held drafts on real Dovecot and Postfix (issue 21): drafts in Drafts with the keyword go over
 * SMTP submission, a copy is filed in Sent with \Seen, and the draft is removed. An edit (a new
 * copy under the same Message-ID) is what goes, a deleted draft sends nothing, and a worker that
 * dies after the SMTP server took the message still gives exactly one copy.
 */
const clock = () => new Date();

const missing = mailServersMissing();
describe.skipIf(missing !== null)(`held drafts over IMAP${missing ? `: ${missing}` : ''}`, () => {
  let s: MailServers;
  let runtime: Runtime;
  let app: FastifyInstance;
  let accountId: string;
  const me = `freelancer-${randomBytes(3).toString('hex')}@boundary.test`;
  const password = randomBytes(9).toString('base64url');
  const client = `lena-${randomBytes(3).toString('hex')}@client.example`;
  const clientPassword = randomBytes(9).toString('base64url');
  const draft = (id: string, subject: string, text: string, extra = '') =>
    `From: ${me}\r\nTo: Lena <${client}>\r\n${extra}Subject: ${subject}\r\nMessage-ID: <${id}@boundary.test>\r\nDate: ${new Date().toUTCString()}\r\n\r\n${text}\r\n`;
  const inbox = (who: string, pw: string) => asUser(s, who, pw, async (c) => {
    await c.mailboxOpen('INBOX', { readOnly: true });
    const out: string[] = [];
    if ((c.mailbox as { exists: number }).exists > 0) for await (const m of c.fetch('1:*', { source: true })) out.push(m.source!.toString('utf8'));
    return out;
  });
  const folder = (c: ImapFlow, path: string) => (async () => {
    await c.mailboxOpen(path, { readOnly: true });
    const out: Array<{ raw: string; flags: string[] }> = [];
    if ((c.mailbox as { exists: number }).exists > 0) for await (const m of c.fetch('1:*', { source: true, flags: true })) out.push({ raw: m.source!.toString('utf8'), flags: [...(m.flags ?? [])] });
    return out;
  })();

  beforeAll(async () => {
    s = await sharedServers();
    await s.addUser(me, password);
    await s.addUser(client, clientPassword);
    runtime = await testRuntime({ now: clock, env: { IMAP_EXTRA_CA: s.ca, IMAP_ALLOW_PRIVATE_HOSTS: 'true', LOG_LEVEL: 'silent' } });
    app = await buildServer(runtime);
    const { auth } = await userWithToken(runtime.database.db, me);
    const put = await app.inject({ method: 'PUT', url: '/api/settings', headers: auth, payload: { ...lateEveningSettings(), hold: { enabled: true } } });
    expect(put.statusCode).toBe(200);
    const res = await app.inject({ method: 'POST', url: '/api/accounts/imap', headers: auth, payload: {
      address: me, password, imap: { host: '127.0.0.1', port: s.imapPort, secure: true }, smtp: { host: '127.0.0.1', port: s.submissionPort, secure: true }, caldav: null,
    } });
    expect(res.statusCode, res.body).toBe(201);
    accountId = (res.json() as { account: { id: string } }).account.id;
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await stopSharedServers();
  }, 60_000);

  it('sends the marked drafts once each, as they read at send time, files them in Sent and removes them from Drafts', async () => {
    const ctx = runtime.pipeline;
    await asUser(s, me, password, async (c) => {
      await c.append('Drafts', draft('a', 'Logo files', 'One copy only (a).', `Bcc: ${ORGANIZER}\r\n`), ['\\Draft', HOLD_KEYWORD]);
      await c.append('Drafts', draft('b', 'Invoice', 'First wording.'), ['\\Draft', HOLD_KEYWORD]);
      await c.append('Drafts', draft('c', 'Not marked', 'Stays a draft.'), ['\\Draft']);
      await c.append('Drafts', draft('d', 'Scope', 'Never mind.'), ['\\Draft', HOLD_KEYWORD]);
    });
    const account = (await getAccount(ctx.db, accountId))!;
    const held = (await ctx.providers(account)).heldDrafts!;
    expect(await scanHeldDrafts(ctx, account, held)).toBe(3);
    const rows = await listWaiting(ctx.db, account.user_id);
    const idOf = (subject: string) => String(rows.find((r) => r.subject === subject)!.id);
    expect(rows.every((r) => r.send_at.getTime() > Date.now())).toBe(true); // 23:00 now: they wait for 09:00

    // Only new or saved-again drafts are read on the next scan. A client saves an edit as a new copy.
    const known = await heldDraftVersions(ctx.db, accountId);
    expect(await held.listMarked(known)).toEqual([]);
    await asUser(s, me, password, async (c) => {
      await c.append('Drafts', draft('b', 'Invoice', 'Second, kinder wording.'), ['\\Draft', HOLD_KEYWORD]);
      await c.mailboxOpen('Drafts');
      const old = (await c.search({ body: 'First wording' }, { uid: true })) || [];
      const gone = (await c.search({ header: { 'message-id': '<d@boundary.test>' } }, { uid: true })) || [];
      await c.messageDelete([...old, ...gone].join(','), { uid: true });
    });
    expect((await held.listMarked(known)).map((d) => d.subject)).toEqual(['Invoice']);

    // (a) The worker recorded `sending`, the SMTP server took the message, and the worker died
    // before recording that it had: the step it did record says the message may have gone.
    const a = idOf('Logo files');
    expect(await transitionHeld(ctx.db, a, ['waiting'], 'sending', { messageId: '<a@boundary.test>' })).toBe(true);
    let step: SendStep | null = null;
    const dying = {
      get step() { return step; },
      async record(next: SendStep | null) {
        if (next === 'submitted') throw new Error('worker killed');
        await recordHeldSendStep(ctx.db, a, next);
        step = next;
      },
    };
    await expect(held.send('<a@boundary.test>', dying)).rejects.toThrow('worker killed');
    expect((await getHeld(ctx.db, a))?.send_step).toBe('committing');

    // Morning comes.
    for (const subject of ['Invoice', 'Scope']) expect(await transitionHeld(ctx.db, idOf(subject), ['waiting'], 'waiting', { sendAt: new Date() })).toBe(true);
    expect(await sendHeld(ctx, a)).toBe('sent');
    expect(await sendHeld(ctx, idOf('Invoice'))).toBe('sent');
    expect(await sendHeld(ctx, idOf('Scope'))).toBe('gone');
    for (const subject of ['Logo files', 'Invoice', 'Scope']) expect(await sendHeld(ctx, idOf(subject))).toBe('already-done');

    await waitFor('Postfix to deliver everything', async () => (await s.postqueue()).includes('Mail queue is empty'));
    const theirs = await waitFor('both replies in the client mailbox', async () => {
      const mail = await inbox(client, clientPassword);
      return mail.length >= 2 && mail;
    });
    expect(theirs).toHaveLength(2);
    expect(theirs.filter((m) => m.includes('One copy only (a).'))).toHaveLength(1);
    expect(theirs.filter((m) => m.includes('Second, kinder wording.'))).toHaveLength(1);
    expect(theirs.join('\n')).not.toMatch(/First wording|Never mind|^Bcc:/m);
    expect((await inbox(ORGANIZER, 'organizer-password')).filter((m) => m.includes('One copy only (a).'))).toHaveLength(1);

    const mine = await asUser(s, me, password, async (c) => ({ sent: await folder(c, 'Sent'), drafts: await folder(c, 'Drafts') }));
    expect(mine.sent.map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1]?.trim()).sort()).toEqual(['Invoice', 'Logo files']);
    expect(mine.sent.every((m) => m.flags.includes('\\Seen'))).toBe(true);
    expect(mine.drafts.map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1]?.trim())).toEqual(['Not marked']);
  });
});
