import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import { simpleParser, type AddressObject } from 'mailparser';
import type { ImapFlow } from 'imapflow';
import { ProviderError, type OutgoingMail, type SentMessageRef } from '../types.js';
import { imapError } from './errors.js';
import { sentFolder } from './connection.js';
import type { ImapAccess } from './settings.js';

/**
 * Sending, exactly once under kills. The steps, each recorded in the Sent folder itself:
 *  1. look for the Message-ID in Sent: a copy there means an earlier attempt got at least as far
 *     as step 2, so nothing is sent again;
 *  2. APPEND the copy with \Seen and the PENDING keyword (the user sees it as sent mail);
 *  3. submit over SMTP;
 *  4. clear PENDING.
 * A kill between 3 and 4 leaves a pending copy: it reads as sent (at most one reply). A kill
 * between 2 and 3 also leaves one, so that rare window loses the reply rather than doubling it.
 */
export const PENDING = '$BoundarySubmitting';

export function smtpTransport(access: ImapAccess) {
  const { host, port, secure } = access.servers.smtp;
  return nodemailer.createTransport({
    host,
    port,
    secure,
    requireTLS: !secure,
    auth: { user: access.username, pass: access.password },
    tls: { ...(isIP(host) ? {} : { servername: host }), ...(access.ca ? { ca: access.ca } : {}) },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

const all = (f: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(f) ? f : f ? [f] : []).flatMap((o) => o.value.map((a) => a.address ?? '')).filter(Boolean);

/** The envelope comes from the headers our own composer wrote; Bcc never appears in them. */
export async function envelopeOf(mime: string, from: string): Promise<{ from: string; to: string[] }> {
  const parsed = await simpleParser(mime, { skipImageLinks: true, skipTextToHtml: true });
  const to = [...all(parsed.to), ...all(parsed.cc), ...all(parsed.bcc)];
  if (to.length === 0) throw new ProviderError('permanent', 'the reply has no recipient');
  return { from, to };
}

export async function findInSent(client: ImapFlow, messageId: string): Promise<{ uid: number; pending: boolean; path: string } | null> {
  const path = await sentFolder(client);
  if (!path) throw new ProviderError('permanent', 'The mailbox has no Sent folder (special-use \\Sent)');
  const lock = await client.getMailboxLock(path);
  try {
    const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
    if (uids.length === 0) return null;
    const uid = uids[0]!;
    const msg = await client.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
    return { uid, pending: !!msg && !!msg.flags?.has(PENDING), path };
  } finally {
    lock.release();
  }
}

export async function sendOnce(client: ImapFlow, access: ImapAccess, mail: OutgoingMail): Promise<SentMessageRef> {
  const existing = await findInSent(client, mail.messageId);
  if (existing) {
    if (existing.pending) await clearPending(client, existing.path, existing.uid);
    return { providerMessageId: mail.messageId };
  }
  const path = (await sentFolder(client))!;
  const appended = await client.append(path, mail.mime, ['\\Seen', PENDING]);
  const envelope = await envelopeOf(mail.mime, access.address);
  const transport = smtpTransport(access);
  try {
    await transport.sendMail({ envelope, raw: mail.mime });
  } catch (err) {
    // Refused with an SMTP reply: nothing went out, so the copy goes and a retry starts clean. A
    // dropped connection may have delivered: the pending copy stays, and reads as sent.
    const refused = (err as { responseCode?: number }).responseCode !== undefined;
    if (refused && appended && appended.uid) await removeCopy(client, path, appended.uid).catch(() => {});
    throw imapError(err, 'The SMTP server');
  } finally {
    transport.close();
  }
  if (appended && appended.uid) await clearPending(client, path, appended.uid);
  return { providerMessageId: mail.messageId };
}

async function clearPending(client: ImapFlow, path: string, uid: number): Promise<void> {
  const lock = await client.getMailboxLock(path);
  try {
    await client.messageFlagsRemove(String(uid), [PENDING], { uid: true });
  } finally {
    lock.release();
  }
}

async function removeCopy(client: ImapFlow, path: string, uid: number): Promise<void> {
  const lock = await client.getMailboxLock(path);
  try {
    await client.messageDelete(String(uid), { uid: true });
  } finally {
    lock.release();
  }
}
