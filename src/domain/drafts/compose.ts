import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { Address } from '../message.js';
import { htmlOfText } from '../reply/html.js';
import { renderMime, type MimeMessage } from '../reply/mime.js';
import type { ReplyLanguage } from '../settings.js';

/**
 * A draft Boundary leaves in the user's mailbox: a plain message from the user, never marked
 * automatic (the user is the one who sends it), joining the thread it answers.
 */

export interface DraftContent {
  from: Address;
  to: string;
  subject: string;
  text: string;
  language: ReplyLanguage;
  /** The Message-ID of the message answered, when there is one (RFC 5322 §3.6.4). */
  inReplyTo: string | null;
  messageId: string;
}

const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();

/** RFC 5322 msg-id fixed by the account and the request's dedupe key, so every retry writes the same one. */
export function draftMessageId(accountAddress: string, accountId: string, dedupeKey: string): string {
  const hash = createHash('sha256').update(`${accountId}\n${dedupeKey}`).digest('hex').slice(0, 32);
  const domain = accountAddress.slice(accountAddress.lastIndexOf('@') + 1) || 'boundary.invalid';
  return `<boundary.draft.${hash}@${domain}>`;
}

export function draftMessage(d: DraftContent): MimeMessage {
  return {
    from: d.from.name ? { name: oneLine(d.from.name), address: d.from.address } : { address: d.from.address },
    to: { address: d.to },
    subject: oneLine(d.subject),
    inReplyTo: d.inReplyTo,
    references: d.inReplyTo ? [d.inReplyTo] : [],
    messageId: d.messageId,
    headers: {},
    text: d.text,
    html: htmlOfText(d.text, d.language),
    language: d.language,
  };
}

export const renderDraft = (d: DraftContent, date: DateTime): string => renderMime(draftMessage(d), { date });
