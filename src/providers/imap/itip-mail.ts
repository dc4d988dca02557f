import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { isAddrSpec, isMsgId } from '../../domain/mail-syntax.js';
import type { InvitationMeta } from '../../domain/message.js';
import type { InvitationAnswer, OutgoingMail } from '../types.js';

/** An iTIP answer as mail (iMIP, RFC 6047): the note as text, the iCalendar as text/calendar. */

export const PARTSTAT = { accepted: 'ACCEPTED', tentative: 'TENTATIVE', declined: 'DECLINED' } as const;
const SUBJECT_WORD = { ACCEPTED: 'Accepted', TENTATIVE: 'Tentative', DECLINED: 'Declined' } as const;
const MAX_SUBJECT = 200;

/**
 * The message, or null when the organizer's address is not one Boundary may write into a header.
 * Its Message-ID is derived from the mailbox, the event and its SEQUENCE, so a retried answer is
 * found in Sent and not sent twice.
 */
export async function itipMail(from: string, invitation: InvitationMeta, answer: InvitationAnswer, text: string, ics: string, method: 'REPLY' | 'COUNTER'): Promise<OutgoingMail | null> {
  const to = invitation.organizer?.address;
  if (!to || !isAddrSpec(to)) return null;
  const key = [from.toLowerCase(), invitation.providerEventId, invitation.sequence ?? 0, method].join('\n');
  const messageId = `<itip-${createHash('sha256').update(key).digest('hex').slice(0, 32)}@${from.slice(from.lastIndexOf('@') + 1)}>`;
  if (!isMsgId(messageId)) return null;
  const word = method === 'COUNTER' ? 'New time proposed' : SUBJECT_WORD[PARTSTAT[answer]];
  // Control characters from the event's SUMMARY never reach the header; nodemailer encodes the rest.
  const subject = `${word}: ${invitation.subject}`.replace(/[\x00-\x1f\x7f]+/g, ' ').slice(0, MAX_SUBJECT);
  const composer = new MailComposer({
    from,
    to,
    subject,
    text,
    icalEvent: { method, content: ics },
    messageId,
    headers: { 'Auto-Submitted': 'auto-replied' },
  });
  return { mime: (await composer.compile().build()).toString(), messageId };
}
