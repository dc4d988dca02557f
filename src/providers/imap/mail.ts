import type { FetchMessageObject, ImapFlow, MailboxObject } from 'imapflow';
import { parseEml } from '../../mail/eml.js';
import { validMessageMeta } from '../../domain/mail-syntax.js';
import type { MessageMeta } from '../../domain/message.js';
import { ProviderError } from '../types.js';
import { examine, sentFolder } from './connection.js';
import { formatCursor, parseCursor } from './cursor.js';
import { attachmentNames, calendarParts } from './calendar-parts.js';

/** Reading: headers (BODY.PEEK[HEADER]) and the first bytes of the text, in EXAMINEd folders. */

const SNIPPET_BYTES = 1024;
/** Messages read per call; the cursor moves past them and the next sync reads on. */
export const PAGE = 500;

export function cursorOf(box: MailboxObject): string {
  return formatCursor({ uidValidity: box.uidValidity, uidNext: box.uidNext, modseq: box.highestModseq ?? null });
}

/**
 * The id Boundary keeps for a message: its Message-ID, which survives a UIDVALIDITY change (so a
 * resync never decides the same mail twice), else the folder's UIDVALIDITY and the UID.
 */
export function messageKey(box: MailboxObject, uid: number, messageId: string | null): string {
  return messageId ?? `uid:${box.path}:${box.uidValidity}:${uid}`;
}

function headerMessageId(headers: Buffer | undefined): string | null {
  const m = /^message-id:\s*(<[^>\r\n]+>)/im.exec(headers?.toString('utf8') ?? '');
  return m ? m[1]! : null;
}

async function toMeta(box: MailboxObject, msg: FetchMessageObject, label: string): Promise<MessageMeta | null> {
  const text = msg.bodyParts?.get('text');
  const raw = Buffer.concat([msg.headers ?? Buffer.alloc(0), text ?? Buffer.alloc(0)]);
  const receivedAt = (msg.internalDate instanceof Date ? msg.internalDate : new Date(msg.internalDate ?? Date.now())).toISOString();
  const meta = await parseEml(raw, { provider: 'imap', receivedAt }).catch(() => null);
  if (!meta) return null;
  // The snippet rarely reaches a calendar part; the structure names its iTIP method (RFC 6047 §2.4).
  const method = calendarParts(msg.bodyStructure).find((p) => p.method)?.method;
  const names = attachmentNames(msg.bodyStructure);
  return validMessageMeta({
    ...meta,
    providerMessageId: messageKey(box, msg.uid, meta.messageId),
    labels: meta.labels.includes('spam') ? [label, 'spam'] : [label],
    ...(method ? { calendarMethod: method } : {}),
    ...(names.length > 0 ? { attachmentNames: names } : {}),
  });
}

/** Reads the given UIDs, less those whose ids are known (only Message-IDs are fetched for those). */
export async function readMessages(client: ImapFlow, box: MailboxObject, uids: number[], label: string, known?: ReadonlySet<string>): Promise<MessageMeta[]> {
  if (uids.length === 0) return [];
  let wanted = uids;
  if (known?.size) {
    wanted = [];
    for await (const m of client.fetch(uids, { uid: true, headers: ['message-id'] }, { uid: true })) {
      if (!known.has(messageKey(box, m.uid, headerMessageId(m.headers)))) wanted.push(m.uid);
    }
    if (wanted.length === 0) return [];
  }
  const out: MessageMeta[] = [];
  const query = { uid: true, headers: true, internalDate: true, bodyStructure: true, bodyParts: [{ key: 'text', start: 0, maxLength: SNIPPET_BYTES }] };
  for await (const m of client.fetch(wanted, query, { uid: true })) {
    const meta = await toMeta(box, m, label);
    if (meta) out.push(meta);
  }
  return out.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
}

/**
 * The next page of new INBOX UIDs after the cursor, and the cursor past them. With CONDSTORE
 * (RFC 7162) the cursor carries HIGHESTMODSEQ: an unchanged value proves nothing changed, so
 * nothing is asked; flag changes alone move the cursor without reading a message; and the search
 * names only messages changed since (MODSEQ).
 */
export async function newInboxUids(client: ImapFlow, cursorText: string): Promise<{ box: MailboxObject; uids: number[]; cursor: string }> {
  const cursor = parseCursor(cursorText);
  const box = await examine(client, 'INBOX');
  if (box.uidValidity !== cursor.uidValidity) {
    throw new ProviderError('cursor_expired', `INBOX UIDVALIDITY changed (${cursor.uidValidity} -> ${box.uidValidity}): every UID changed meaning`);
  }
  const modseq = box.highestModseq ?? null;
  const condstore = cursor.modseq !== null && modseq !== null;
  if (condstore && modseq! <= cursor.modseq!) return { box, uids: [], cursor: cursorText };
  if (box.uidNext <= cursor.uidNext) return { box, uids: [], cursor: formatCursor({ ...cursor, modseq }) };
  // "n:*" always names the highest message, even below n (RFC 3501 §6.4.8): filter it out.
  const query = { uid: `${cursor.uidNext}:*`, ...(condstore ? { modseq: cursor.modseq! + 1n } : {}) };
  const found = ((await client.search(query, { uid: true })) || []).filter((u) => u >= cursor.uidNext).sort((a, b) => a - b);
  const page = found.slice(0, PAGE);
  const more = page.length < found.length;
  // Part-way through a backlog the old HIGHESTMODSEQ stays, or the unread rest would look unchanged.
  return { box, uids: page, cursor: formatCursor({ uidValidity: box.uidValidity, uidNext: more ? page[page.length - 1]! + 1 : box.uidNext, modseq: more ? cursor.modseq : modseq }) };
}

export async function inboxChanges(client: ImapFlow, cursorText: string, known?: ReadonlySet<string>) {
  const { box, uids, cursor } = await newInboxUids(client, cursorText);
  return { messages: await readMessages(client, box, uids, 'inbox', known), cursor };
}

/** UIDs in `path` that arrived at or after `since`: SEARCH SINCE has day granularity, so refine. */
export async function uidsSince(client: ImapFlow, since: Date): Promise<number[]> {
  const day = new Date(since.getTime() - 86_400_000);
  const uids = (await client.search({ since: day }, { uid: true })) || [];
  if (uids.length === 0) return [];
  const out: number[] = [];
  for await (const m of client.fetch(uids, { uid: true, internalDate: true }, { uid: true })) {
    const at = m.internalDate instanceof Date ? m.internalDate : new Date(m.internalDate ?? 0);
    if (at.getTime() >= since.getTime() - 1000) out.push(m.uid);
  }
  return out.sort((a, b) => a - b);
}

export async function resyncInbox(client: ImapFlow, since: string) {
  const box = await examine(client, 'INBOX');
  const messages = await readMessages(client, box, await uidsSince(client, new Date(since)), 'inbox');
  return { messages, cursor: cursorOf(box) };
}

export async function openSent(client: ImapFlow): Promise<MailboxObject> {
  const path = await sentFolder(client);
  if (!path) throw new ProviderError('permanent', 'The mailbox has no Sent folder (special-use \\Sent)');
  return examine(client, path);
}

export async function sentMessagesSince(client: ImapFlow, since: string, limit: number, known?: ReadonlySet<string>) {
  const box = await openSent(client);
  const uids = await uidsSince(client, new Date(since));
  const messages = await readMessages(client, box, uids.slice(-limit), 'sent', known);
  return { messages };
}
