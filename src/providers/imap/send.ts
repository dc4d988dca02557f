import { Readable } from 'node:stream';
import { simpleParser, type AddressObject } from 'mailparser';
import type { ImapFlow } from 'imapflow';
import { ProviderError, type OutgoingMail, type SendProgress, type SendStep, type SentMessageRef } from '../types.js';
import { imapError } from './errors.js';
import { sentFolder } from './connection.js';
import { smtpSessions } from './smtp-pool.js';
import type { ImapAccess } from './settings.js';

/**
 * Sending, exactly once under kills. The reply goes out over SMTP submission, then its copy is
 * appended to Sent with \Seen. Each step is recorded durably (`mail.progress`) before the next:
 *  1. look for the Message-ID in Sent: a copy there means the reply went out and was filed;
 *  2. with no step recorded, submit over SMTP; `committing` is recorded while the server holds
 *     the whole message but has not had the final dot (RFC 5321 §4.1.1.4: without it, nothing is
 *     delivered), and `submitted` once it accepted;
 *  3. with `committing` or `submitted` recorded, only the Sent copy is missing: append it.
 * A kill before `committing` leaves nothing delivered, so a retry submits. A kill after it reads
 * as sent (at most one reply); the only window that loses a reply is the instant between
 * recording `committing` and writing the dot.
 */

const all = (f: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(f) ? f : f ? [f] : []).flatMap((o) => o.value.map((a) => a.address ?? '')).filter(Boolean);

/** The envelope comes from the headers our own composer wrote; Bcc never appears in them. */
export async function envelopeOf(mime: string, from: string, bcc: string[] = []): Promise<{ from: string; to: string[] }> {
  const parsed = await simpleParser(mime, { skipImageLinks: true, skipTextToHtml: true });
  const to = [...new Set([...all(parsed.to), ...all(parsed.cc), ...all(parsed.bcc), ...bcc])];
  if (to.length === 0) throw new ProviderError('permanent', 'the reply has no recipient');
  return { from, to };
}

async function requireSent(client: ImapFlow): Promise<string> {
  const path = await sentFolder(client);
  if (!path) throw new ProviderError('permanent', 'The mailbox has no Sent folder (special-use \\Sent)');
  return path;
}

export async function findInSent(client: ImapFlow, messageId: string): Promise<{ uid: number; path: string } | null> {
  const path = await requireSent(client);
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || [];
    return uids.length > 0 ? { uid: uids[0]!, path } : null;
  } finally {
    lock.release();
  }
}

/** Progress kept only in memory, for callers without a ledger row (one-off tools). */
function memoryProgress(): SendProgress {
  let step: SendStep | null = null;
  return { get step() { return step; }, record: async (s) => void (step = s) };
}

export async function sendOnce(client: ImapFlow, access: ImapAccess, mail: OutgoingMail): Promise<SentMessageRef> {
  const progress = mail.progress ?? memoryProgress();
  const path = await requireSent(client);
  if (await findInSent(client, mail.messageId)) {
    if (progress.step !== 'appended') await progress.record('appended');
    return sentRef(mail.messageId);
  }
  if (progress.step === null) await submit(access, mail, progress);
  await client.append(path, mail.mime, ['\\Seen']);
  await progress.record('appended');
  return sentRef(mail.messageId);
}

/** Sent mail is keyed by its Message-ID (mail.ts messageKey), so the copy's key is known already. */
const sentRef = (messageId: string): SentMessageRef => ({ providerMessageId: messageId, sentCopyId: messageId });

async function submit(access: ImapAccess, mail: OutgoingMail, progress: SendProgress): Promise<void> {
  const envelope = await envelopeOf(mail.mime, access.address, mail.bcc);
  try {
    await smtpSessions.send(access, { envelope, raw: holdFinalDot(mail.mime, () => progress.record('committing')) });
  } catch (err) {
    // Refused with an SMTP reply: nothing went out, so a retry starts clean. A dropped connection
    // after `committing` may have delivered: that step stays, and reads as sent.
    if ((err as { responseCode?: number }).responseCode !== undefined) await progress.record(null);
    throw imapError(err, 'The SMTP server');
  }
  await progress.record('submitted');
}

/**
 * The message as a stream that ends only after `beforeEnd` resolved. nodemailer writes the
 * terminating dot when the stream ends, so the server cannot accept it before the step is recorded.
 */
function holdFinalDot(mime: string, beforeEnd: () => Promise<void>): Readable {
  let stage: 'body' | 'recording' | 'done' = 'body';
  return new Readable({
    read() {
      if (stage === 'body') {
        stage = 'recording';
        this.push(mime);
      } else if (stage === 'recording') {
        stage = 'done';
        beforeEnd().then(() => this.push(null), (err: Error) => this.destroy(err));
      }
    },
  });
}
