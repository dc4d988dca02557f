import { imapClient } from './connection.js';
import { imapError } from './errors.js';
import type { ImapAccess } from './settings.js';

/**
 * Holds one IDLE connection on INBOX (RFC 2177) and reports new mail. A dropped connection or a
 * server restart is retried with exponential backoff; a refused password stops for good (the
 * account needs reconnecting, and retrying would only lock the user out).
 */
export interface IdleEvents {
  /** EXISTS arrived, or the connection (re)opened and mail may have come meanwhile. */
  newMail(reason: 'exists' | 'connected'): void;
  authFailed(message: string): void;
  dropped?(message: string, retryInMs: number): void;
}

export interface IdleHold {
  stop(): Promise<void>;
  connected(): boolean;
}

export function holdIdle(access: ImapAccess, events: IdleEvents, backoff = { minMs: 1_000, maxMs: 300_000 }): IdleHold {
  let stopped = false;
  let open = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let client: ReturnType<typeof imapClient> | undefined;

  const retry = (message: string) => {
    open = false;
    if (stopped) return;
    // Full jitter, so watchers that lost one server together do not come back in step.
    const delay = Math.round(Math.random() * Math.min(backoff.maxMs, backoff.minMs * 2 ** attempt++));
    events.dropped?.(message, delay);
    timer = setTimeout(() => void connect(), delay);
  };

  async function connect(): Promise<void> {
    if (stopped) return;
    // RFC 2177: re-issue IDLE well inside the 30 minutes after which servers may drop it.
    // No COMPRESS=DEFLATE: a connection that only idles gains nothing from it, and each would
    // keep zlib state (hundreds of KiB) for as long as it is held.
    const c = imapClient(access, { maxIdleTime: 25 * 60_000, socketTimeout: 31 * 60_000, disableCompression: true });
    client = c;
    c.on('error', () => {});
    c.on('exists', () => events.newMail('exists'));
    c.once('close', () => {
      if (client === c && open) retry('connection closed');
    });
    try {
      await c.connect();
      await c.mailboxOpen('INBOX', { readOnly: true });
      open = true;
      attempt = 0;
      events.newMail('connected');
      void (async () => {
        // idle() returns when IDLE is broken off (maxIdleTime); go straight back in.
        while (open && !stopped && client === c) await c.idle();
      })().catch(() => {});
    } catch (err) {
      const mapped = imapError(err, 'The IMAP server');
      c.close();
      if (mapped.kind === 'auth_revoked') {
        stopped = true;
        events.authFailed(mapped.message);
        return;
      }
      retry(mapped.message);
    }
  }

  void connect();
  return {
    connected: () => open,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      open = false;
      await client?.logout().catch(() => client?.close());
    },
  };
}
