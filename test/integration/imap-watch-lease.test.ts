import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { saveConnectedAccount, type AccountRow } from '../../src/storage/accounts.js';
import { createUser } from '../../src/storage/users.js';
import { startImapWatcher, type ImapWatcher } from '../../workers/imap-watch.js';
import { sharedServers, stopSharedServers, waitFor } from '../contract/imap-harness.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { mailServersMissing, type MailServers } from '../../dev/support/mail-servers.js';
import { createTestDatabase, postgresAvailable } from '../../dev/support/postgres.js';
import { testConfig, testEnv } from '../../dev/support/runtime.js';

/**
 * The watcher's lease and start-up on the real Dovecot: a watcher SIGKILLed while holding a
 * mailbox leaves its lease behind, and another takes the mailbox once that lease runs out (not
 * before); a watcher started while Redis is still connecting holds its mailboxes on the first scan.
 */
const LEASE_MS = 3_000;
const root = path.resolve(import.meta.dirname, '../..');
const missing = mailServersMissing() ?? ((await postgresAvailable()) ? null : 'needs PostgreSQL at 127.0.0.1:5432');
describe.skipIf(missing !== null)(`IMAP watcher leases${missing ? `: ${missing}` : ''}`, () => {
  let s: MailServers;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let runtime: Runtime;
  const closing: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of closing.splice(0).reverse()) await c();
  });

  beforeAll(async () => {
    s = await sharedServers();
    const db = await createTestDatabase();
    drop = db.drop;
    env = testEnv({ DATABASE_URL: db.url, IMAP_EXTRA_CA: s.ca });
    runtime = await createRuntime(testConfig(env));
  }, 180_000);
  afterAll(async () => {
    await runtime?.close();
    await drop?.();
    await stopSharedServers();
  }, 60_000);

  async function mailbox(): Promise<AccountRow> {
    const address = `lease-${randomBytes(3).toString('hex')}@boundary.test`;
    const password = randomBytes(9).toString('base64url');
    await s.addUser(address, password);
    const user = await createUser(runtime.database.db, { email: address });
    const grant = { provider: 'imap', username: address, password, servers: { imap: { host: '127.0.0.1', port: s.imapPort, secure: true }, smtp: { host: '127.0.0.1', port: s.submissionPort, secure: true }, caldav: null } };
    return saveConnectedAccount(runtime.database.db, {
      userId: user.id, provider: 'imap', address, aliases: [], sealedTokens: runtime.cipher.seal(JSON.stringify(grant)),
      mailCursor: 'imap1.1.1.0', calendarCursor: null, watch: null, calendarWatch: null, baselineAt: new Date(),
    });
  }
  const leaseKey = (accountId: string) => `${runtime.config.queuePrefix}:imap-lease:${accountId}`;

  function watcher(r: Runtime, opts: { leaseMs: number; scanMs?: number }): ImapWatcher {
    const w = startImapWatcher(r, opts);
    closing.push(() => w.close());
    return w;
  }

  it('a watcher killed without releasing its lease: another takes the mailbox after the lease runs out, not before', async () => {
    const account = await mailbox();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/imap-watch-child.ts'], { cwd: root, env: { ...process.env, ...env, LEASE_MS: String(LEASE_MS) }, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    closing.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const dead = await waitFor('the child watcher to hold the mailbox', async () => new RegExp(`^held (\\S+) .*${account.id}`, 'm').exec(out)?.[1], 60_000);
    child.kill('SIGKILL');
    await exited;
    expect(await runtime.redis.get(leaseKey(account.id)), 'the dead watcher still owns the lease').toBe(dead);

    const survivor = watcher(runtime, { leaseMs: LEASE_MS, scanMs: 200 });
    // While the dead watcher's lease lives, the mailbox stays untaken; then it passes over.
    while ((await runtime.redis.get(leaseKey(account.id))) === dead) {
      expect(survivor.held()).not.toContain(account.id);
      await new Promise((r) => setTimeout(r, 100));
    }
    // Held under its own lease (a loaded machine may let a lease lapse and retake it: checked together).
    await waitFor('the survivor to take the mailbox', async () => survivor.held().includes(account.id) && (await runtime.redis.get(leaseKey(account.id))) === survivor.id, 20_000);
  }, 120_000);

  it('started while Redis is still connecting, the first scan waits for it and holds the mailboxes', async () => {
    const account = await mailbox();
    // Redis behind a relay that refuses the first connections: the runtime starts before it is ready.
    const relay: TcpProxy = await startTcpProxy(6379);
    closing.push(() => relay.close());
    relay.resetNext(4);
    const late = await createRuntime(testConfig({ ...env, REDIS_URL: `redis://127.0.0.1:${relay.port}` }));
    closing.push(() => late.close());
    expect(late.redis.status).not.toBe('ready');
    // The next scan is a minute away: only the first one can hold the mailbox in time.
    const w = watcher(late, { leaseMs: 60_000, scanMs: 60_000 });
    await waitFor('the first scan to hold the mailbox', async () => w.held().includes(account.id) && (await runtime.redis.get(leaseKey(account.id))) === w.id, 30_000);
  }, 120_000);
});
