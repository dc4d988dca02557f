import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import type { SendMailOptions, Transporter } from 'nodemailer';
import { credentialKey } from './pool.js';
import type { ImapAccess } from './settings.js';

/**
 * One pooled SMTP transport per account and credentials, so replies reuse a logged-in submission
 * connection instead of a TLS handshake and AUTH each. nodemailer's pool closes a connection
 * idle for `idleMs`; this cache forgets transports unused that long, and keeps at most `total`
 * beyond those sending.
 */

export function smtpOptions(access: ImapAccess) {
  const { host, port, secure } = access.servers.smtp;
  return {
    host,
    port,
    secure,
    requireTLS: !secure,
    auth: { user: access.username, pass: access.password },
    tls: { ...(isIP(host) ? {} : { servername: host }), ...(access.ca ? { ca: access.ca } : {}) },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
}

/** A one-off transport (connect-time checks): its own connection, closed by the caller. */
export function smtpTransport(access: ImapAccess): Transporter {
  return nodemailer.createTransport(smtpOptions(access));
}

interface Cached {
  transport: Transporter;
  identity: string;
  /** Sends in flight: a transport is not let go under them. */
  busy: number;
  timer?: NodeJS.Timeout;
}

export class SmtpTransports {
  private readonly byKey = new Map<string, Cached>();

  constructor(private readonly opts = { total: 64, idleMs: 30_000 }) {}

  size(): number {
    return this.byKey.size;
  }

  /**
   * Sends on the account's pooled connection. Any failure drops the transport: a refused password
   * or a dropped connection must not be reused, and a message is never resubmitted by the pool
   * (the caller's recorded steps decide whether to try again).
   */
  async send(access: ImapAccess, message: SendMailOptions): Promise<void> {
    const key = credentialKey(access, 'smtp');
    const cached = this.take(access, key);
    cached.busy++;
    try {
      await cached.transport.sendMail(message);
    } catch (err) {
      this.drop(key);
      throw err;
    } finally {
      cached.busy--;
      if (cached.busy === 0 && this.byKey.get(key) === cached) {
        cached.timer = setTimeout(() => this.drop(key), this.opts.idleMs);
        cached.timer.unref();
      }
    }
  }

  closeAll(): void {
    for (const key of [...this.byKey.keys()]) this.drop(key);
  }

  private take(access: ImapAccess, key: string): Cached {
    const identity = `${access.username.toLowerCase()}@${access.servers.smtp.host}:${access.servers.smtp.port}`;
    let cached = this.byKey.get(key);
    if (cached) {
      clearTimeout(cached.timer);
      this.byKey.delete(key);
    } else {
      // New credentials for this account: the transport with the old ones goes.
      for (const [k, c] of this.byKey) if (c.identity === identity) this.drop(k);
      const transport = nodemailer.createTransport({
        ...smtpOptions(access),
        pool: true,
        maxConnections: 1,
        maxMessages: 100,
        // Not in @types/nodemailer: close an idle connection, and never resubmit a message
        // whose connection dropped (it may have been delivered; send.ts decides).
        ...{ idleTimeout: this.opts.idleMs, maxRequeues: 0 },
      });
      cached = { transport, identity, busy: 0 };
    }
    // Most recently used last: the first idle entry is the one to let go when over the cap.
    this.byKey.set(key, cached);
    if (this.byKey.size > this.opts.total) {
      const idle = [...this.byKey].find(([, c]) => c.busy === 0 && c !== cached);
      if (idle) this.drop(idle[0]);
    }
    return cached;
  }

  private drop(key: string): void {
    const cached = this.byKey.get(key);
    if (!cached) return;
    this.byKey.delete(key);
    clearTimeout(cached.timer);
    cached.transport.close();
  }
}

/** The SMTP transports every IMAP account of this process shares. */
export const smtpSessions = new SmtpTransports();
