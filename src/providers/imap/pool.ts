import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { ProviderError } from '../types.js';
import { imapClient } from './connection.js';
import { imapError } from './errors.js';
import type { ImapAccess } from './settings.js';

/**
 * Logged-in IMAP sessions kept for reuse. A reply costs several provider calls (sync, look in
 * Sent, file the copy); a new TCP+TLS connection and LOGIN for each made them slow and made the
 * server fork a process each time. Sessions are keyed by the account's server, user name AND
 * password, so new credentials never reuse a session opened with the old ones.
 *
 * - A session is lent to one call at a time (a session has one selected folder).
 * - An unused session is logged out after `idleMs`, and none is reused past `maxAgeMs`: a
 *   password revoked at the server (where open sessions live on) is noticed at the next login.
 * - Any failure during a call discards the session: its state is unknown.
 * - A refused login closes every idle session of that account and is never retried here: the
 *   caller gets auth_revoked once, as before, and marks the account.
 */
export interface ImapPoolOptions {
  /** Sessions one account may hold at once, in use or idle. */
  perAccount: number;
  /** Sessions the whole process may hold at once. */
  total: number;
  idleMs: number;
  maxAgeMs: number;
  /** How long a call waits for a session when the caps are reached, before failing as transient. */
  waitMs: number;
}

export const DEFAULT_POOL: ImapPoolOptions = { perAccount: 3, total: 64, idleMs: 30_000, maxAgeMs: 5 * 60_000, waitMs: 30_000 };

interface Session {
  client: ImapFlow;
  key: string;
  identity: string;
  born: number;
  state: 'busy' | 'idle' | 'closed';
  /** Its credentials were replaced or refused: logged out when it comes back, never lent again. */
  retired: boolean;
  timer?: NodeJS.Timeout;
}

/** imapflow's socket is not in its typings; it is there from connect() on. */
function socketOf(client: ImapFlow): { destroyed?: boolean; ref?(): void; unref?(): void } | null {
  return (client as unknown as { socket?: { destroyed?: boolean; ref?(): void; unref?(): void } | false }).socket || null;
}

/** Who the session is for (no secret): one server and user name. */
export function identityOf(access: Pick<ImapAccess, 'username' | 'servers'>): string {
  const { host, port } = access.servers.imap;
  return `${access.username.toLowerCase()}@${host}:${port}`;
}

/** The identity plus a digest of everything that authenticates it, so the secret is never a map key. */
export function credentialKey(access: ImapAccess, server: 'imap' | 'smtp'): string {
  const digest = createHash('sha256').update(JSON.stringify([server, access.username, access.password, access.servers[server], access.ca ?? null])).digest('base64url');
  return `${identityOf(access)}#${digest}`;
}

export class ImapPool {
  private readonly sessions = new Set<Session>();
  /** The credentials last used for each identity with a session open. */
  private readonly current = new Map<string, string>();
  private waiters: Array<() => void> = [];

  constructor(private readonly opts: ImapPoolOptions = DEFAULT_POOL, private readonly open: (access: ImapAccess) => ImapFlow = (a) => imapClient(a)) {}

  /** Sessions open now (for tests and metrics). */
  size(key?: string): { busy: number; idle: number } {
    let busy = 0;
    let idle = 0;
    for (const s of this.sessions) {
      if (key !== undefined && s.key !== key && s.identity !== key) continue;
      if (s.state === 'busy') busy++;
      else if (s.state === 'idle') idle++;
    }
    return { busy, idle };
  }

  async use<T>(access: ImapAccess, work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const session = await this.acquire(access);
    let result: T;
    try {
      result = await work(session.client);
    } catch (err) {
      this.close(session);
      throw imapError(err, 'The IMAP server');
    }
    this.release(session);
    return result;
  }

  /** Logs out every session of this identity (the account was removed or reconnected). */
  forget(access: Pick<ImapAccess, 'username' | 'servers'>): void {
    this.retire(identityOf(access), null);
  }

  async closeAll(): Promise<void> {
    const open = [...this.sessions];
    for (const s of open) this.close(s);
    this.wake();
  }

  private async acquire(access: ImapAccess): Promise<Session> {
    const key = credentialKey(access, 'imap');
    const identity = identityOf(access);
    if (this.current.get(identity) !== key) {
      // New credentials: sessions opened with the old ones go (busy ones when they come back).
      this.retire(identity, key);
      this.current.set(identity, key);
    }
    const deadline = Date.now() + this.opts.waitMs;
    for (;;) {
      const reused = this.takeIdle(key);
      if (reused && (await this.refreshed(reused))) return reused;
      if (reused) continue;
      if (this.countOf(key) < this.opts.perAccount && (this.sessions.size < this.opts.total || this.evictIdle())) return this.login(access, key, identity);
      if (Date.now() >= deadline) throw new ProviderError('transient', `All ${this.sessions.size} IMAP sessions of this process are busy; try again shortly`);
      await this.waitForRelease(deadline - Date.now());
    }
  }

  private takeIdle(key: string): Session | null {
    // The most recently used first: the others then age out on their idle timers.
    const idle = [...this.sessions].filter((s) => s.key === key && s.state === 'idle').reverse();
    for (const s of idle) {
      if (!this.reusable(s)) {
        this.close(s);
        continue;
      }
      clearTimeout(s.timer);
      s.state = 'busy';
      socketOf(s.client)?.ref?.();
      return s;
    }
    return null;
  }

  /**
   * A session left with a folder selected sees mail that arrived since only after a command that
   * lets the server report it (RFC 3501 §6.1.2): NOOP, before a caller searches that folder.
   */
  private async refreshed(s: Session): Promise<boolean> {
    if (!s.client.mailbox) return true;
    try {
      await s.client.noop();
      // The server may end the session instead (Dovecot does when UIDVALIDITY changed): log in anew.
      if (this.reusable(s)) return true;
      this.close(s);
      return false;
    } catch {
      this.close(s);
      return false;
    }
  }

  private reusable(s: Session): boolean {
    const socket = socketOf(s.client);
    return !s.retired && s.client.usable && !!socket && !socket.destroyed && Date.now() - s.born < this.opts.maxAgeMs;
  }

  /** Retires the identity's sessions except those under `keep`. */
  private retire(identity: string, keep: string | null): void {
    for (const s of [...this.sessions]) {
      if (s.identity !== identity || s.key === keep) continue;
      s.retired = true;
      if (s.state === 'idle') this.close(s);
    }
  }

  private countOf(key: string): number {
    let n = 0;
    for (const s of this.sessions) if (s.key === key) n++;
    return n;
  }

  /** Makes room under the process cap by logging out the longest-unused idle session of any account. */
  private evictIdle(): boolean {
    const oldest = [...this.sessions].find((s) => s.state === 'idle');
    if (!oldest) return false;
    this.close(oldest);
    return true;
  }

  private async login(access: ImapAccess, key: string, identity: string): Promise<Session> {
    const client = this.open(access);
    const session: Session = { client, key, identity, born: Date.now(), state: 'busy', retired: false };
    this.sessions.add(session);
    // Socket faults come as 'error' events too; the call in flight carries the same fault.
    client.on('error', () => {});
    client.once('close', () => this.close(session));
    try {
      await client.connect();
    } catch (err) {
      this.close(session);
      const mapped = imapError(err, 'The IMAP server');
      // The password is refused: no session of this account is worth keeping.
      if (mapped.kind === 'auth_revoked') this.forget(access);
      throw mapped;
    }
    return session;
  }

  private release(s: Session): void {
    if (s.state !== 'busy') return;
    if (!this.reusable(s)) {
      this.close(s);
      return;
    }
    s.state = 'idle';
    // An idle session must not keep a finishing process (a CLI command, a test) alive.
    socketOf(s.client)?.unref?.();
    s.timer = setTimeout(() => this.close(s), this.opts.idleMs);
    s.timer.unref();
    // Newest last, so the first idle one found is the longest unused (see evictIdle).
    this.sessions.delete(s);
    this.sessions.add(s);
    this.wake();
  }

  private close(s: Session): void {
    if (s.state === 'closed') return;
    const wasIdle = s.state === 'idle';
    s.state = 'closed';
    clearTimeout(s.timer);
    this.sessions.delete(s);
    if (![...this.sessions].some((o) => o.identity === s.identity)) this.current.delete(s.identity);
    const c = s.client;
    if (wasIdle && c.usable) void c.logout().catch(() => c.close());
    else c.close();
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }

  private waitForRelease(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.push(done);
    });
  }
}

/** The sessions every IMAP provider call of this process shares. */
export const imapSessions = new ImapPool();
