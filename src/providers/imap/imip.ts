import { createHash } from 'node:crypto';
import type { ImapFlow, MessageAddressObject } from 'imapflow';
import ICAL from 'ical.js';
import { isAddrSpec } from '../../domain/mail-syntax.js';
import type { InvitationMeta } from '../../domain/message.js';
import { calendarParts } from './calendar-parts.js';
import { invitationOf } from './ical.js';
import { newInboxUids } from './mail.js';

/**
 * Invitations that arrive by mail (iMIP, RFC 6047): a text/calendar part with METHOD:REQUEST,
 * alone or inside multipart/mixed or multipart/alternative. CANCEL marks a known one cancelled.
 */

/** An invitation's calendar part is small; anything larger is not read. */
const MAX_CALENDAR_BYTES = 256 * 1024;
const PREFIX = 'imip:';

/** One row per event, whichever mail carried it: the UID (and the instance, for one occurrence). */
export function imipEventId(uid: string, recurrenceId: string | null): string {
  const key = recurrenceId ? `${uid};${recurrenceId}` : uid;
  return PREFIX + (/^[\x21-\x7e]{1,200}$/.test(key) ? key : createHash('sha256').update(key).digest('hex'));
}

export const isImipEvent = (providerEventId: string): boolean => providerEventId.startsWith(PREFIX);

const addressesOf = (...lists: Array<MessageAddressObject[] | undefined>) =>
  new Set(lists.flatMap((l) => l ?? []).map((a) => (a.address ?? '').toLowerCase()).filter(Boolean));

/** The invitation in one calendar part, if it is a REQUEST or CANCEL to the user from its organizer. */
export function invitationInMail(ics: string, self: string, senders: ReadonlySet<string>, now: Date): InvitationMeta | null {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(ics));
  } catch {
    return null; // not iCalendar: nothing to answer
  }
  const method = String(root.getFirstPropertyValue('method') ?? '').toUpperCase();
  if (method !== 'REQUEST' && method !== 'CANCEL') return null;
  const vevent = root.getFirstSubcomponent('vevent');
  const uid = vevent?.getFirstPropertyValue('uid');
  if (!vevent || !uid) return null;
  const recurrence = vevent.getFirstPropertyValue('recurrence-id');
  const invitation = invitationOf(ics, self, imipEventId(String(uid), recurrence ? String(recurrence) : null), undefined, now);
  const organizer = invitation?.organizer?.address;
  // The answer goes to the organizer: only a valid address, and only the one that sent the
  // mail (RFC 6047 §3), so a forged invitation cannot aim Boundary's answer at a third party.
  if (!invitation || !organizer || !isAddrSpec(organizer) || !senders.has(organizer) || organizer === self.toLowerCase()) return null;
  return method === 'CANCEL' ? { ...invitation, cancelled: true } : invitation;
}

/** Invitations in INBOX mail after the cursor; the structure is read first, then only calendar parts. */
export async function imipChanges(client: ImapFlow, cursorText: string, self: string, now: Date): Promise<{ invitations: InvitationMeta[]; cursor: string }> {
  const { uids, cursor } = await newInboxUids(client, cursorText);
  const wanted: Array<{ uid: number; parts: string[]; senders: Set<string> }> = [];
  if (uids.length) {
    for await (const m of client.fetch(uids, { uid: true, bodyStructure: true, envelope: true }, { uid: true })) {
      const parts = calendarParts(m.bodyStructure).filter((p) => p.method === null || p.method === 'REQUEST' || p.method === 'CANCEL');
      if (parts.length) wanted.push({ uid: m.uid, parts: parts.map((p) => p.part), senders: addressesOf(m.envelope?.from, m.envelope?.sender, m.envelope?.replyTo) });
    }
  }
  const invitations: InvitationMeta[] = [];
  for (const w of wanted) {
    const got = await client.downloadMany(String(w.uid), w.parts, { uid: true, maxBytes: MAX_CALENDAR_BYTES });
    for (const part of w.parts) {
      const content = got[part]?.content;
      const invitation = content ? invitationInMail(content.toString('utf8'), self, w.senders, now) : null;
      if (invitation) {
        invitations.push(invitation);
        break; // one event per message: further parts are the same invitation in other dress
      }
    }
  }
  return { invitations, cursor };
}
