import { createHash } from 'node:crypto';
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { simpleParser, type AddressObject } from 'mailparser';
import { ProviderError, type HeldDraft, type HeldDrafts, type SendProgress } from '../types.js';
import { draftsFolder } from './drafts.js';
import { sendOnce } from './send.js';
import type { ImapAccess } from './settings.js';

/**
 * Held drafts over IMAP (issue 21): a message in the special-use \Drafts folder (RFC 6154) with
 * the keyword HOLD_KEYWORD (RFC 9051 §2.3.2) waits for working hours. It is sent like a reply
 * (send.ts: SMTP submission, then the copy in Sent with \Seen, each step recorded so a kill never
 * sends twice), and the draft is removed last. A mail client saves an edited draft as a new
 * message (new UID) under the same Message-ID, so the draft is known by its Message-ID and the
 * UID is its version; the newest copy is the one that goes.
 */
export const HOLD_KEYWORD = '$BoundaryHold';

interface Found { uid: number; uidValidity: string; source: string; flags: Set<string> }

const headerId = (m: FetchMessageObject) => /^message-id:\s*(<[^>\s]+>)/im.exec(m.headers?.toString('utf8') ?? '')?.[1] ?? null;
/** A draft without a Message-ID is known by its place: no edit can keep that, so it never changes. */
const placeId = (uidValidity: string, uid: number) => `uid:${uidValidity}:${uid}`;
const all = (f: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(f) ? f : f ? [f] : []).flatMap((o) => o.value.map((a) => (a.address ?? '').toLowerCase())).filter(Boolean);

async function inDrafts<T>(client: ImapFlow, readOnly: boolean, work: (uidValidity: string) => Promise<T>): Promise<T> {
  const path = await draftsFolder(client);
  if (!path) throw new ProviderError('permanent', 'The mailbox has no Drafts folder (special-use \\Drafts), so there are no held drafts');
  const lock = await client.getMailboxLock(path, { readOnly });
  try {
    const box = client.mailbox;
    return await work(String(box && typeof box === 'object' ? box.uidValidity : ''));
  } finally {
    lock.release();
  }
}

/** The newest copy of the draft, with its content; null when there is none. */
async function findDraft(client: ImapFlow, draftId: string, uidValidity: string): Promise<Found | null> {
  let uids: number[];
  const place = /^uid:([^:]+):(\d+)$/.exec(draftId);
  if (place) uids = place[1] === uidValidity ? [Number(place[2])] : [];
  else uids = (await client.search({ header: { 'message-id': draftId } }, { uid: true })) || [];
  const newest = Math.max(0, ...uids);
  if (!newest) return null;
  const m = await client.fetchOne(String(newest), { uid: true, source: true, flags: true }, { uid: true });
  if (!m || !m.source) return null;
  return { uid: newest, uidValidity, source: m.source.toString('utf8'), flags: m.flags ?? new Set() };
}

async function toHeld(draftId: string, f: Found, fallbackDomain: string): Promise<HeldDraft> {
  const parsed = await simpleParser(f.source, { skipImageLinks: true, skipTextToHtml: true });
  return {
    draftId,
    version: `${f.uidValidity}:${f.uid}`,
    messageId: parsed.messageId ?? syntheticId(f, fallbackDomain),
    fingerprint: createHash('sha256').update(f.source).digest('base64url').slice(0, 22),
    marked: f.flags.has(HOLD_KEYWORD),
    recipients: [...all(parsed.to), ...all(parsed.cc), ...all(parsed.bcc)],
    subject: parsed.subject ?? '',
  };
}

/** A Message-ID for a draft that has none, the same on every retry: how its copy is found in Sent. */
function syntheticId(f: Found, domain: string): string {
  return `<held.${createHash('sha256').update(f.source).digest('hex').slice(0, 24)}@${domain}>`;
}

/** What goes out: the draft without its Bcc line (those recipients are on the envelope only, RFC 5322 §3.6.3). */
function outgoing(source: string, messageId: string, hasId: boolean): string {
  const crlf = source.replace(/\r?\n/g, '\r\n');
  const split = crlf.indexOf('\r\n\r\n');
  const head = split === -1 ? crlf : crlf.slice(0, split);
  const body = split === -1 ? '' : crlf.slice(split);
  const kept = head.replace(/^Bcc:.*(?:\r\n[ \t].*)*(?:\r\n|$)/gim, '').replace(/\r\n$/, '');
  return `${hasId ? '' : `Message-ID: ${messageId}\r\n`}${kept}${body}`;
}

export function imapHeldDrafts(access: ImapAccess, imap: <T>(work: (c: ImapFlow) => Promise<T>) => Promise<T>): HeldDrafts {
  const domain = access.address.split('@')[1] ?? 'boundary.invalid';
  const get = (draftId: string) => imap((c) => inDrafts(c, true, async (v) => {
    const f = await findDraft(c, draftId, v);
    return f ? toHeld(draftId, f, domain) : null;
  }));

  return {
    listMarked: (known) => imap((c) => inDrafts(c, true, async (v) => {
      const uids = (await c.search({ keyword: HOLD_KEYWORD }, { uid: true })) || [];
      if (uids.length === 0) return [];
      // Headers only: which drafts are new or saved again since the last scan.
      const newest = new Map<string, number>();
      for await (const m of c.fetch(uids.join(','), { uid: true, headers: ['message-id'] }, { uid: true })) {
        const id = headerId(m) ?? placeId(v, m.uid);
        newest.set(id, Math.max(newest.get(id) ?? 0, m.uid));
      }
      const stale = [...newest].filter(([id, uid]) => known?.get(id) !== `${v}:${uid}`);
      const out: HeldDraft[] = [];
      for (const [id] of stale) {
        const f = await findDraft(c, id, v);
        if (f) out.push(await toHeld(id, f, domain));
      }
      return out.filter((d) => d.marked);
    })),
    get,
    send: (draftId, progress?: SendProgress) => imap(async (c) => {
      const found = await inDrafts(c, true, async (v) => findDraft(c, draftId, v));
      // Gone: deleted by the user, or sent and removed by an attempt that died before it could say so
      // (the caller then looks in Sent by the Message-ID it recorded).
      if (!found) throw new ProviderError('not_found', 'The held draft is no longer in Drafts');
      const draft = await toHeld(draftId, found, domain);
      const parsed = await simpleParser(found.source, { skipImageLinks: true, skipTextToHtml: true });
      const mime = outgoing(found.source, draft.messageId!, !draftId.startsWith('uid:'));
      const sent = await sendOnce(c, access, { mime, messageId: draft.messageId!, bcc: all(parsed.bcc), ...(progress ? { progress } : {}) });
      // The copy is in Sent: only now does the draft go, every saved copy of it.
      await inDrafts(c, false, async () => {
        const copies = draftId.startsWith('uid:') ? [found.uid] : ((await c.search({ header: { 'message-id': draftId } }, { uid: true })) || []);
        if (copies.length) await c.messageDelete(copies.join(','), { uid: true });
      });
      return sent;
    }),
  };
}
