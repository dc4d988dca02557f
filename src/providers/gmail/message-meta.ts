import type { gmail_v1 } from 'googleapis';
import addressparser from 'nodemailer/lib/addressparser';
import { RULE_HEADERS, type Address, type HeaderMap, type MessageMeta } from '../../domain/message.js';
import { validMessageMeta } from '../../domain/mail-syntax.js';

/** Gmail message (format=metadata) → MessageMeta. The only place that reads Gmail message JSON. */

/** Exactly the headers the rules need (google.md: ask for no more). */
// Gmail matches names case-insensitively; the usual spelling keeps request logs readable.
const spelled = (name: string): string => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
export const METADATA_HEADERS = ['From', 'To', 'Cc', 'Bcc', 'Reply-To', 'Date', 'Subject', 'Message-ID', ...RULE_HEADERS.map(spelled)];

/** Headers kept in MessageMeta.headers (src/domain/message.ts); the address headers have their own fields. */
const KEPT: ReadonlySet<string> = new Set(RULE_HEADERS);

export function parseAddresses(value: string | undefined): Address[] {
  if (!value) return [];
  return addressparser(value, { flatten: true })
    .filter((a) => a.address)
    .map((a) => ({ ...(a.name ? { name: a.name } : {}), address: a.address.toLowerCase() }));
}

/** SPAM → 'spam', CATEGORY_PROMOTIONS → 'category:promotions', user labels lower-cased. */
export function normalizeLabel(label: string): string {
  const category = /^CATEGORY_(.+)$/.exec(label);
  return category ? `category:${category[1]!.toLowerCase()}` : label.toLowerCase();
}

function headerMap(headers: gmail_v1.Schema$MessagePartHeader[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const h of headers) {
    if (!h.name || h.value == null) continue;
    const name = h.name.toLowerCase();
    const prev = map.get(name);
    // Repeated headers (Delivered-To, Resent-*) are kept together.
    map.set(name, prev === undefined ? h.value : `${prev}, ${h.value}`);
  }
  return map;
}

const bracketed = (id: string | undefined): string | null => {
  const t = id?.trim();
  if (!t) return null;
  return t.startsWith('<') ? t : `<${t}>`;
};

export function toMessageMeta(m: gmail_v1.Schema$Message): MessageMeta {
  if (!m.id || !m.threadId) throw new Error('Gmail message without id or threadId');
  const all = headerMap(m.payload?.headers ?? []);
  const headers: HeaderMap = {};
  for (const [name, value] of all) if (KEPT.has(name)) headers[name] = value;
  const internal = Number(m.internalDate);
  return validMessageMeta({
    provider: 'google',
    providerMessageId: m.id,
    threadId: m.threadId,
    messageId: bracketed(all.get('message-id')),
    from: parseAddresses(all.get('from'))[0] ?? null,
    replyTo: parseAddresses(all.get('reply-to')),
    to: parseAddresses(all.get('to')),
    cc: parseAddresses(all.get('cc')),
    bcc: parseAddresses(all.get('bcc')),
    dateHeader: all.get('date') ?? null,
    receivedAt: new Date(Number.isFinite(internal) ? internal : 0).toISOString(),
    subject: all.get('subject') ?? '',
    headers,
    labels: (m.labelIds ?? []).map(normalizeLabel),
    ...(m.snippet ? { snippet: m.snippet } : {}),
  });
}
