import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { saveConnectedAccount } from '../../src/storage/accounts.js';
import { createUser } from '../../src/storage/users.js';
import { startImapWatcher, type ImapWatcher } from '../../workers/imap-watch.js';
import { sharedServers, stopSharedServers, waitFor } from '../contract/imap-harness.js';
import { mailServersMissing, type MailServers } from '../../dev/support/mail-servers.js';
import { createTestDatabase, postgresAvailable } from '../../dev/support/postgres.js';
import { testConfig } from '../../dev/support/runtime.js';

/**
 * Two watchers, each with its own runtime (database pool, Redis connection), share N mailboxes on
 * the real Dovecot: never do both hold one, together they hold all, and when one stops the other
 * takes its mailboxes over.
 */
const N = 6;
const LEASE_MS = 1_500;
const missing = mailServersMissing() ?? ((await postgresAvailable()) ? null : 'needs PostgreSQL at 127.0.0.1:5432');
describe.skipIf(missing !== null)(`IMAP watchers sharing mailboxes${missing ? `: ${missing}` : ''}`, () => {
  let s: MailServers;
  let drop: () => Promise<void>;
  const runtimes: Runtime[] = [];
  const watchers: ImapWatcher[] = [];
  const ids: string[] = [];

  beforeAll(async () => {
    s = await sharedServers();
    const db = await createTestDatabase();
    drop = db.drop;
    const env = {
      DATABASE_URL: db.url,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SESSION_SECRET: randomBytes(32).toString('base64'),
      QUEUE_PREFIX: `{t${randomBytes(5).toString('hex')}}`,
      IMAP_EXTRA_CA: s.ca,
    };
    for (let i = 0; i < 2; i++) runtimes.push(await createRuntime(testConfig(env)));
    const [one] = runtimes;
    const user = await createUser(one!.database.db, { email: `watched-${randomBytes(3).toString('hex')}@boundary.test` });
    for (let i = 0; i < N; i++) {
      const address = `shared-${i}-${randomBytes(3).toString('hex')}@boundary.test`;
      const password = randomBytes(9).toString('base64url');
      await s.addUser(address, password);
      const grant = { provider: 'imap', username: address, password, servers: { imap: { host: '127.0.0.1', port: s.imapPort, secure: true }, smtp: { host: '127.0.0.1', port: s.submissionPort, secure: true }, caldav: null } };
      const account = await saveConnectedAccount(one!.database.db, {
        userId: user.id, provider: 'imap', address, aliases: [], sealedTokens: one!.cipher.seal(JSON.stringify(grant)),
        mailCursor: 'imap1.1.1.0', calendarCursor: null, watch: null, calendarWatch: null, baselineAt: new Date(),
      });
      ids.push(account.id);
    }
  }, 180_000);
  afterAll(async () => {
    for (const w of watchers) await w.close();
    for (const r of runtimes) await r.close();
    await drop?.();
    await stopSharedServers();
  }, 60_000);

  const owner = (accountId: string) => runtimes[0]!.redis.get(`${runtimes[0]!.config.queuePrefix}:imap-lease:${accountId}`);

  it('never both hold one mailbox, and the survivor takes over the mailboxes of a stopped one', async () => {
    for (const r of runtimes) watchers.push(startImapWatcher(r, { leaseMs: LEASE_MS }));
    const [a, b] = watchers as [ImapWatcher, ImapWatcher];
    // Several lease periods: each sample must show disjoint sets, every lease owned by its holder.
    const until = Date.now() + LEASE_MS * 4;
    let covered = false;
    while (Date.now() < until || !covered) {
      const [ha, hb] = [a.held(), b.held()];
      expect(ha.filter((id) => hb.includes(id)), 'held by both').toEqual([]);
      for (const [w, held] of [[a, ha], [b, hb]] as const) {
        for (const id of held) expect([w.id, null]).toContain(await owner(id)); // null: released as we look
      }
      covered = ha.length + hb.length === N;
      if (Date.now() > until + 20_000) throw new Error(`the watchers never held all ${N} mailboxes: ${ha.length} + ${hb.length}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const stopped = a.held().length > 0 ? a : b;
    const survivor = stopped === a ? b : a;
    const taken = stopped.held();
    await stopped.close();
    await waitFor('the survivor to hold every mailbox', async () => survivor.held().length === N, 30_000);
    for (const id of taken) expect(await owner(id)).toBe(survivor.id);
  }, 120_000);
});
