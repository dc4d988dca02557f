import { isIP } from 'node:net';
import { ImapFlow, type ImapFlowOptions, type MailboxObject } from 'imapflow';
import type { ImapAccess } from './settings.js';

/**
 * IMAP clients. Provider calls borrow logged-in sessions from pool.ts; the long-lived IDLE
 * connection belongs to the watcher role (idle.ts).
 */

export function imapClient(access: ImapAccess, extra: Partial<ImapFlowOptions> = {}): ImapFlow {
  const { host, port, secure } = access.servers.imap;
  return new ImapFlow({
    host,
    port,
    secure,
    // Without implicit TLS, STARTTLS is required: the password never crosses in clear.
    ...(secure ? {} : { doSTARTTLS: true }),
    auth: { user: access.username, pass: access.password },
    // SNI carries host names only (RFC 6066 §3).
    tls: { ...(isIP(host) ? {} : { servername: host }), ...(access.ca ? { ca: access.ca } : {}) },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    ...extra,
  });
}

/** The special-use \Sent folder (RFC 6154), else a folder plainly named Sent. */
export async function sentFolder(client: ImapFlow): Promise<string | null> {
  const list = await client.list();
  const special = list.find((m) => m.specialUse === '\\Sent');
  if (special) return special.path;
  return list.find((m) => /^(sent|sent items|sent messages)$/i.test(m.name))?.path ?? null;
}

/** Opened read-only (EXAMINE): nothing Boundary does can set \Seen on the user's mail. */
export async function examine(client: ImapFlow, path: string): Promise<MailboxObject> {
  return client.mailboxOpen(path, { readOnly: true });
}
