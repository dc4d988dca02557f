import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ImapPool, identityOf, type ImapPoolOptions } from '../../src/providers/imap/pool.js';
import { SmtpTransports } from '../../src/providers/imap/smtp-pool.js';
import { imapError } from '../../src/providers/imap/errors.js';
import { ProviderError } from '../../src/providers/types.js';
import { sharedServers, startImapAccount, stopSharedServers, waitFor, type ImapHarnessState } from '../contract/imap-harness.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { mailServersMissing } from '../../dev/support/mail-servers.js';

/**
 * Reused IMAP sessions and SMTP connections, against the real Dovecot and Postfix, each behind a
 * TCP relay that counts the connections made.
 */
const missing = mailServersMissing();
describe.skipIf(missing !== null)(`IMAP session reuse${missing ? `: ${missing}` : ''}`, () => {
  const states: ImapHarnessState[] = [];
  const pools: ImapPool[] = [];
  const proxies: TcpProxy[] = [];
  afterEach(async () => {
    for (const p of pools.splice(0)) await p.closeAll();
    for (const p of proxies.splice(0)) await p.close();
    for (const st of states.splice(0)) await st.proxy.close();
  });
  // Starting the servers may take long on a busy machine: not inside one test's time.
  beforeAll(sharedServers, 180_000);
  afterAll(stopSharedServers, 60_000);

  async function account() {
    const st = await startImapAccount();
    states.push(st);
    return st;
  }
  function pool(o: Partial<ImapPoolOptions> = {}) {
    const p = new ImapPool({ perAccount: 2, total: 10, idleMs: 60_000, maxAgeMs: 60_000, waitMs: 20_000, ...o });
    pools.push(p);
    return p;
  }
  const count = (c: import('imapflow').ImapFlow) => c.status('INBOX', { messages: true }).then((s) => (s ? s.messages : null));

  it('provider calls share one logged-in session, and a reused session still sees new mail', async () => {
    const st = await account();
    const before = st.proxy.accepted();
    const cursor = await st.provider.baseline();
    await st.provider.profile();
    await st.control.injectMessage({ from: 'new@client.example', to: [st.control.userAddress], subject: 'seen on a reused session' });
    const changes = await st.provider.mailChangesSince(cursor);
    expect(changes.messages.map((m) => m.subject)).toEqual(['seen on a reused session']);
    expect(st.proxy.accepted() - before).toBe(1);
  });

  it('concurrent calls of one account use at most perAccount sessions, and all finish', async () => {
    const st = await account();
    const p = pool({ perAccount: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => p.use(st.access, count)));
    expect(results).toEqual([0, 0, 0, 0, 0, 0]);
    expect(st.proxy.accepted()).toBeLessThanOrEqual(2);
    expect(p.size()).toEqual({ busy: 0, idle: st.proxy.accepted() });
  });

  it('an unused session is logged out after idleMs', async () => {
    const st = await account();
    const p = pool({ idleMs: 200 });
    await p.use(st.access, count);
    expect(p.size().idle).toBe(1);
    await waitFor('the idle session to be logged out', async () => p.size().idle === 0 && st.proxy.open() === 0);
  });

  it('a cut connection is not lent again: the next call logs in anew', async () => {
    const st = await account();
    const p = pool();
    await p.use(st.access, count);
    st.proxy.cutAll();
    await waitFor('the cut session to leave the pool', async () => p.size().idle === 0);
    expect(await p.use(st.access, count)).toBe(0);
    expect(st.proxy.accepted()).toBe(2);
  });

  it('new credentials log the old session out; the old ones are never used again', async () => {
    const st = await account();
    const p = pool();
    await p.use(st.access, count);
    const password = randomBytes(9).toString('base64url');
    await st.servers.setPassword(st.access.username, password);
    await p.use({ ...st.access, password }, count);
    expect(st.proxy.accepted()).toBe(2);
    await waitFor('one session left', async () => st.proxy.open() === 1);
    expect(p.size(identityOf(st.access))).toEqual({ busy: 0, idle: 1 });
  });

  it('a password revoked at the server: once the session ages out, one login, auth_revoked, nothing kept, no retries', async () => {
    const st = await account();
    const p = pool({ maxAgeMs: 300 });
    await p.use(st.access, count);
    await st.control.fault({ kind: 'revokeTokens' });
    await new Promise((r) => setTimeout(r, 350)); // past maxAgeMs: the session may not be lent again
    const before = st.proxy.accepted();
    const err = await p.use(st.access, count).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('auth_revoked');
    expect(st.proxy.accepted() - before).toBe(1);
    expect(p.size()).toEqual({ busy: 0, idle: 0 });
    await waitFor('every connection closed', async () => st.proxy.open() === 0);
  });

  it('at the process cap, the longest-unused idle session of another account is logged out', async () => {
    const [a, b] = [await account(), await account()];
    const p = pool({ total: 1 });
    await p.use(a.access, count);
    await p.use(b.access, count);
    await waitFor("the first account's session to be logged out", async () => a.proxy.open() === 0);
    expect(p.size()).toEqual({ busy: 0, idle: 1 });
    expect(b.proxy.open()).toBe(1);
  });

  it('SMTP: one submission connection for several messages; new credentials, a new one; a refused password drops it', async () => {
    const st = await account();
    const relay = await startTcpProxy(st.servers.submissionPort);
    proxies.push(relay);
    const access = { ...st.access, servers: { ...st.access.servers, smtp: { host: '127.0.0.1', port: relay.port, secure: true } } };
    const smtp = new SmtpTransports({ total: 4, idleMs: 60_000 });
    const message = (n: number) => ({ envelope: { from: access.address, to: [access.address] }, raw: `From: ${access.address}\r\nTo: ${access.address}\r\nSubject: pooled ${n}\r\n\r\nHello.\r\n` });
    try {
      for (let n = 0; n < 3; n++) await smtp.send(access, message(n));
      expect(relay.accepted()).toBe(1);

      const password = randomBytes(9).toString('base64url');
      await st.servers.setPassword(access.username, password);
      await smtp.send({ ...access, password }, message(3));
      expect(relay.accepted()).toBe(2);
      expect(smtp.size()).toBe(1);

      const err = await smtp.send({ ...access, password: 'not-the-password' }, message(4)).catch((e: unknown) => imapError(e, 'The SMTP server'));
      expect((err as ProviderError).kind).toBe('auth_revoked');
      expect(smtp.size()).toBe(0);
    } finally {
      smtp.closeAll();
    }
  });
});
