import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisReady, redisScript } from '../src/jobs/redis.js';
import { markNeedsReconnect } from '../src/pipeline/account-status.js';
import { imapAccessOf } from '../src/pipeline/providers.js';
import { requestMailSync } from '../src/pipeline/sync-mailbox.js';
import { imapAccess, type IdleHold } from '../src/providers/registry.js';
import type { Runtime } from '../src/runtime.js';
import { listAllAccounts } from '../src/storage/accounts.js';

/**
 * The imap-watch role: one IDLE connection per IMAP mailbox, EXISTS -> the same sync job a push
 * notification gives. Several watchers share the mailboxes through a Redis lease per mailbox, so
 * no two hold the same one; a watcher that dies loses its leases within `leaseMs`, and another
 * takes them over. The scheduled poll still runs, so mail is read even with no watcher at all.
 */

export interface ImapWatcher {
  id: string;
  held(): string[];
  close(): Promise<void>;
}

const renewLease = redisScript<[key: string, owner: string, ms: number]>('boundaryRenewLease', 1, 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end');
const releaseLease = redisScript<[key: string, owner: string]>('boundaryReleaseLease', 1, 'if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end');

export function startImapWatcher(runtime: Runtime, opts: { leaseMs?: number; scanMs?: number } = {}): ImapWatcher {
  const { config, logger } = runtime;
  const ctx = runtime.pipeline;
  const redis: Redis = runtime.redis;
  const id = randomUUID();
  const leaseMs = opts.leaseMs ?? 30_000;
  const scanMs = opts.scanMs ?? Math.round(leaseMs / 3);
  const holds = new Map<string, IdleHold>();
  const leaseKey = (accountId: string) => `${config.queuePrefix}:imap-lease:${accountId}`;
  let closed = false;

  const drop = async (accountId: string) => {
    const hold = holds.get(accountId);
    holds.delete(accountId);
    await hold?.stop();
    await releaseLease(redis, leaseKey(accountId), id).catch(() => 0);
  };

  /**
   * Renews every held lease at once (the commands go out together) on a timer of its own: a long
   * scan, such as a thousand connects at start-up on a busy machine, must not let them lapse. A
   * lease found lost (this watcher stalled) is let go.
   */
  async function renewAll(): Promise<void> {
    if (closed || redis.status !== 'ready') return;
    const held = [...holds.keys()];
    const renewed = await Promise.all(held.map((accountId) => renewLease(redis, leaseKey(accountId), id, leaseMs).catch(() => null)));
    await Promise.all(held.filter((_, i) => renewed[i] === 0).map(drop));
  }

  async function scan(): Promise<void> {
    const accounts = (await listAllAccounts(ctx.db)).filter((a) => a.provider === 'imap' && a.status !== 'needs-reconnect');
    const wanted = new Set(accounts.map((a) => a.id));
    // Gone, or needing reconnection: let it go.
    for (const accountId of [...holds.keys()]) if (!wanted.has(accountId)) await drop(accountId);
    await renewAll();
    for (const account of accounts) {
      if (closed || holds.has(account.id)) continue;
      if ((await redis.set(leaseKey(account.id), id, 'PX', leaseMs, 'NX')) !== 'OK') continue;
      const access = imapAccessOf(config, runtime.cipher, account);
      if (!access) continue;
      holds.set(account.id, await imapAccess.holdIdle(access, {
        newMail: (reason) => void requestMailSync(ctx, account.id, `imap-${reason}`).catch((err: Error) => logger.warn({ accountId: account.id, err: err.message }, 'could not enqueue a sync')),
        authFailed: (message) => {
          void markNeedsReconnect(ctx, account.id, message).finally(() => drop(account.id));
        },
        dropped: (message, retryInMs) => logger.info({ accountId: account.id, message, retryInMs }, 'IDLE connection dropped; reconnecting'),
      }));
    }
  }

  // Leases live in Redis, whose producer connection refuses commands until it is ready: a scan
  // (the first one above all, at start-up) waits for it rather than failing until the next tick.
  const stopping = new AbortController();
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = running
      .then(async () => {
        if (await redisReady(redis, scanMs, stopping.signal)) await scan();
        else if (!closed) logger.warn({ status: redis.status }, 'imap-watch waits for Redis');
      })
      .catch((err: Error) => logger.warn({ err: err.message }, 'imap-watch scan failed'));
  };
  tick();
  const timer = setInterval(tick, scanMs);
  const renewing = setInterval(() => void renewAll().catch((err: Error) => logger.warn({ err: err.message }, 'imap-watch lease renewal failed')), scanMs);
  logger.info({ watcher: id, leaseMs }, 'imap watcher started');
  return {
    id,
    held: () => [...holds.keys()],
    async close() {
      closed = true;
      stopping.abort();
      clearInterval(timer);
      clearInterval(renewing);
      await running;
      await Promise.all([...holds.keys()].map(drop));
    },
  };
}
