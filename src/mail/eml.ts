import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser';
import { RULE_HEADERS, type Address, type HeaderMap, type MessageMeta, type ProviderKind } from '../domain/message.js';

/** Reads a raw RFC 5322 message (an .eml file) into the MessageMeta the domain decides on. */

export class EmlError extends Error {
  override readonly name = 'EmlError';
}

/** The headers the rules read (RULE_HEADERS). */
const KEPT: ReadonlySet<string> = new Set(RULE_HEADERS);
/** Headers that make text a message; without any of them it is not mail. */
const MESSAGE_HEADERS = ['from', 'to', 'subject', 'date', 'message-id', 'received', 'return-path'];

function flatten(list: EmailAddress[], out: Address[]): Address[] {
  for (const a of list) {
    if (a.group) flatten(a.group, out);
    else if (a.address) out.push(a.name ? { name: a.name, address: a.address.toLowerCase() } : { address: a.address.toLowerCase() });
  }
  return out;
}

function addresses(field: AddressObject | AddressObject[] | undefined): Address[] {
  if (!field) return [];
  const out: Address[] = [];
  for (const o of Array.isArray(field) ? field : [field]) flatten(o.value, out);
  return out;
}

/** Header value as written: unfolded, RFC 2047 words untouched (rules compare tokens, not text). */
function rawValue(line: string): string {
  const colon = line.indexOf(':');
  return line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** The receiving server's timestamp: the date after ';' in the topmost Received header (RFC 5321 §4.4). */
function receivedTime(lines: Array<{ key: string; line: string }>): number | null {
  const top = lines.find((l) => l.key === 'received');
  if (!top) return null;
  const value = rawValue(top.line);
  const ms = Date.parse(value.slice(value.lastIndexOf(';') + 1).trim());
  return Number.isFinite(ms) ? ms : null;
}

function isSpam(headers: Map<string, string>): boolean {
  // SpamAssassin marks and Gmail Takeout's X-Gmail-Labels.
  return /^yes/i.test(headers.get('x-spam-flag') ?? '') || /^yes/i.test(headers.get('x-spam-status') ?? '') || /(^|,)\s*spam\s*(,|$)/i.test(headers.get('x-gmail-labels') ?? '');
}

/** RFC 6047 §2.4: the iTIP METHOD of a text/calendar part, from its `method` parameter or the METHOD property. */
function calendarMethod(attachments: Array<{ contentType: string; headers: Map<string, unknown>; content: Buffer }>): string | null {
  for (const a of attachments) {
    if (a.contentType.toLowerCase() !== 'text/calendar') continue;
    const param = (a.headers.get('content-type') as { params?: Record<string, string> } | undefined)?.params?.method;
    const method = param ?? /^METHOD:([A-Za-z-]+)/m.exec(a.content.toString('utf8'))?.[1];
    if (method) return method.toUpperCase();
  }
  return null;
}

export async function parseEml(raw: Buffer | string, opts: { provider?: ProviderKind; receivedAt?: string } = {}): Promise<MessageMeta> {
  if (raw.length === 0) throw new EmlError('The message is empty');
  let parsed;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  } catch (err) {
    throw new EmlError(`Cannot read the message: ${(err as Error).message}`);
  }
  const lines = parsed.headerLines.filter((l) => l.key !== '');
  if (!lines.some((l) => MESSAGE_HEADERS.includes(l.key))) {
    throw new EmlError('Not an RFC 5322 message: no header block (expected From, To, Subject, Date, Message-ID or Received)');
  }
  const all = new Map<string, string>();
  for (const l of lines) if (!all.has(l.key)) all.set(l.key, rawValue(l.line));
  const headers: HeaderMap = {};
  for (const [k, v] of all) if (KEPT.has(k)) headers[k] = v;
  if (parsed.inReplyTo) headers['in-reply-to'] = parsed.inReplyTo;

  const dateHeader = all.get('date') ?? null;
  const receivedMs = opts.receivedAt ? Date.parse(opts.receivedAt) : (receivedTime(lines) ?? (dateHeader ? Date.parse(dateHeader) : NaN));
  if (!Number.isFinite(receivedMs)) {
    throw new EmlError(opts.receivedAt ? `receivedAt '${opts.receivedAt}' is not an ISO instant` : 'The message has no readable Received or Date header, so its arrival time is unknown');
  }
  const messageId = parsed.messageId ? (parsed.messageId.startsWith('<') ? parsed.messageId : `<${parsed.messageId}>`) : null;
  const references = typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []);
  const rawHash = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  const from = addresses(parsed.from)[0] ?? null;
  const text = (parsed.text ?? '').replace(/\s+/g, ' ').trim();
  const method = calendarMethod(parsed.attachments);

  return {
    provider: opts.provider ?? 'google',
    providerMessageId: rawHash,
    // The thread root: the first Reference, else this message.
    threadId: references[0] ?? parsed.inReplyTo ?? messageId ?? rawHash,
    messageId,
    from,
    replyTo: addresses(parsed.replyTo),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    bcc: addresses(parsed.bcc),
    dateHeader,
    receivedAt: new Date(receivedMs).toISOString(),
    subject: parsed.subject ?? '',
    headers,
    labels: isSpam(all) ? ['inbox', 'spam'] : ['inbox'],
    ...(method ? { calendarMethod: method } : {}),
    ...(text ? { snippet: text.slice(0, 280) } : {}),
  };
}
