import { RULE_HEADERS, type Address, type HeaderMap, type MessageMeta } from '../../domain/message.js';
import { validMessageMeta } from '../../domain/mail-syntax.js';

/** Graph message JSON → MessageMeta. Only fields named in MAIL_SELECT are read. */

/**
 * What the rules need, and nothing else (microsoft.md: delta $select). bodyPreview (the first 255
 * characters of the body, as Gmail's snippet) is read for suggested commitments and never stored.
 */
export const MAIL_SELECT = [
  'id', 'conversationId', 'internetMessageId', 'from', 'sender', 'replyTo', 'toRecipients', 'ccRecipients',
  'subject', 'bodyPreview', 'receivedDateTime', 'sentDateTime', 'internetMessageHeaders', 'parentFolderId',
].join(',');

// The headers the rules read (RULE_HEADERS); the rest (Received, DKIM...) is dropped.
const KEPT_HEADERS: ReadonlySet<string> = new Set(RULE_HEADERS);

interface GraphAddress {
  emailAddress?: { name?: string | null; address?: string | null } | null;
}

export interface GraphMessageJson {
  id: string;
  conversationId?: string;
  internetMessageId?: string | null;
  from?: GraphAddress | null;
  sender?: GraphAddress | null;
  replyTo?: GraphAddress[];
  toRecipients?: GraphAddress[];
  ccRecipients?: GraphAddress[];
  bccRecipients?: GraphAddress[];
  subject?: string | null;
  bodyPreview?: string | null;
  receivedDateTime?: string;
  sentDateTime?: string;
  internetMessageHeaders?: { name: string; value: string }[];
  parentFolderId?: string;
  '@removed'?: { reason: string };
  /** Graph sends the derived type of meeting messages (eventMessageRequest, eventMessageResponse, eventMessage). */
  '@odata.type'?: string;
  meetingMessageType?: string | null;
}

/** Graph's meeting messages in iTIP terms (RFC 5546): responses are REPLY, a cancellation CANCEL. */
function calendarMethod(m: GraphMessageJson): string | null {
  const type = m['@odata.type']?.toLowerCase();
  if (type === '#microsoft.graph.eventmessageresponse') return 'REPLY';
  if (type === '#microsoft.graph.eventmessagerequest') return 'REQUEST';
  if (m.meetingMessageType === 'meetingCancelled') return 'CANCEL';
  if (m.meetingMessageType === 'meetingAccepted' || m.meetingMessageType === 'meetingTentativelyAccepted' || m.meetingMessageType === 'meetingDeclined') return 'REPLY';
  return null;
}

function address(a: GraphAddress | null | undefined): Address | null {
  const raw = a?.emailAddress?.address?.trim();
  if (!raw) return null;
  const lower = raw.toLowerCase();
  const name = a?.emailAddress?.name?.trim();
  // Graph repeats the address as the name when the sender gave none.
  return name && name.toLowerCase() !== lower ? { name, address: lower } : { address: lower };
}

const addresses = (list: GraphAddress[] | undefined): Address[] =>
  (list ?? []).map(address).filter((a): a is Address => a !== null);

export function mapMessage(m: GraphMessageJson, labels: string[], timeField: 'receivedDateTime' | 'sentDateTime'): MessageMeta {
  const headers: HeaderMap = {};
  let dateHeader: string | null = null;
  for (const h of m.internetMessageHeaders ?? []) {
    const name = h.name.toLowerCase();
    if (name === 'date' && dateHeader === null) dateHeader = h.value;
    if (KEPT_HEADERS.has(name) && headers[name] === undefined) headers[name] = h.value;
  }
  const at = m[timeField] ?? m.receivedDateTime ?? m.sentDateTime;
  const method = calendarMethod(m);
  return validMessageMeta({
    provider: 'microsoft',
    providerMessageId: m.id,
    threadId: m.conversationId ?? m.id,
    messageId: m.internetMessageId ?? null,
    from: address(m.from) ?? address(m.sender),
    replyTo: addresses(m.replyTo),
    to: addresses(m.toRecipients),
    cc: addresses(m.ccRecipients),
    bcc: addresses(m.bccRecipients),
    dateHeader,
    receivedAt: at ? new Date(at).toISOString() : new Date(0).toISOString(),
    subject: m.subject ?? '',
    headers,
    labels,
    ...(method ? { calendarMethod: method } : {}),
    ...(m.bodyPreview ? { snippet: m.bodyPreview } : {}),
  });
}
