import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { Address } from '../message.js';
import type { ComposedReply } from './types.js';

/** RFC 5322 / RFC 2045-2047 rendering of a composed reply: CRLF, folded, UTF-8, base64 parts. */

const CRLF = '\r\n';
const MAX_LINE = 78; // RFC 5322 §2.1.1 SHOULD
const HARD_LINE = 998; // RFC 5322 §2.1.1 MUST
const ENCODED_LINE = 76; // RFC 2047 §2: a line holding an encoded-word is at most 76 characters
const WORD_BYTES = 36; // 36 bytes → 48 base64 chars → a 60-char encoded-word: fits after "Subject: " within 76
const LONG_WORD = 60; // a longer unbroken ASCII word cannot be folded, so it is sent as encoded-words

function isPrintableAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

const isEncodedWord = (token: string): boolean => token.startsWith('=?') && token.endsWith('?=');

/**
 * RFC 2047 encoded-words, each holding whole characters (§5: a multi-octet character may not be
 * split across words), separated by folding white space.
 */
export function encodeWords(text: string): string[] {
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > WORD_BYTES && chunk) {
      words.push(`=?UTF-8?B?${Buffer.from(chunk).toString('base64')}?=`);
      chunk = '';
      bytes = 0;
    }
    chunk += ch;
    bytes += n;
  }
  if (chunk || words.length === 0) words.push(`=?UTF-8?B?${Buffer.from(chunk).toString('base64')}?=`);
  return words;
}

/**
 * Joins tokens into `Name: value`, folding before a token that would pass 78 columns (76 on a
 * line with an encoded-word). A first token that would pass 998 octets goes on its own line
 * (RFC 5322 allows CFWS before a msg-id or address), so a long valid Message-ID still fits.
 */
function foldTokens(name: string, tokens: string[], separator = ' '): string {
  let out = `${name}:`;
  let lineLength = out.length;
  let lineEncoded = false;
  tokens.forEach((token, i) => {
    const sep = i === 0 ? ' ' : separator;
    const encoded = isEncodedWord(token);
    const limit = lineEncoded || encoded ? ENCODED_LINE : MAX_LINE;
    const over = lineLength + sep.length + token.length > limit;
    const mustFold = i === 0 ? lineLength + sep.length + token.length > (encoded ? ENCODED_LINE : HARD_LINE) : over;
    if (mustFold) {
      out += `${sep.trimEnd()}${CRLF} ${token}`;
      lineLength = 1 + token.length;
      lineEncoded = encoded;
    } else {
      out += sep + token;
      lineLength += sep.length + token.length;
      lineEncoded ||= encoded;
    }
  });
  return out;
}

const hasLongWord = (text: string): boolean => text.split(' ').some((w) => w.length > LONG_WORD);

/** Unstructured text (Subject): plain folded ASCII when possible, else encoded-words. */
export function unstructuredHeader(name: string, value: string): string {
  const words = value.split(' ').filter((w) => w !== '');
  const plain = isPrintableAscii(value) && !value.includes('=?') && !hasLongWord(value) && !/^ | $| {2}/.test(value);
  return foldTokens(name, plain ? words : encodeWords(value));
}

/**
 * An unstructured header of a message rendered here, read back: unfolded, its encoded-words
 * decoded (the inverse of unstructuredHeader, which writes a value either as plain words or as
 * encoded-words only). Undefined when the header is absent.
 */
export function renderedHeader(mime: string, name: string): string | undefined {
  const end = mime.indexOf(`${CRLF}${CRLF}`);
  const head = (end < 0 ? mime : mime.slice(0, end)).replace(/\r\n(?=[ \t])/g, '');
  const prefix = `${name.toLowerCase()}:`;
  const line = head.split(CRLF).find((l) => l.toLowerCase().startsWith(prefix));
  if (line === undefined) return undefined;
  const tokens = line.slice(prefix.length).trim().split(' ');
  if (!tokens.every(isEncodedWord)) return tokens.join(' ');
  return Buffer.concat(tokens.map((t) => Buffer.from(/^=\?UTF-8\?B\?([^?]*)\?=$/i.exec(t)?.[1] ?? '', 'base64'))).toString('utf8');
}

/**
 * A display name as phrase tokens. Plain ASCII is folded between its words, inside the quotes
 * when it needs a quoted-string (RFC 5322 §3.2.4 allows FWS there); anything a fold could change
 * (non-ASCII, unbroken long words, runs of spaces, text that looks like an encoded-word) is
 * sent as encoded-words.
 */
function displayName(name: string): string[] {
  if (!isPrintableAscii(name) || name.includes('=?') || hasLongWord(name) || /^ | $| {2}/.test(name)) return encodeWords(name);
  const words = name.split(' ');
  // RFC 5322 §3.2.3 specials need a quoted-string.
  if (!/[()<>[\]:;@\\,."]/.test(name)) return words;
  const quoted = words.map((w) => w.replace(/(["\\])/g, '\\$1'));
  quoted[0] = `"${quoted[0]}`;
  quoted[quoted.length - 1] = `${quoted[quoted.length - 1]}"`;
  return quoted;
}

export function addressHeader(name: string, address: Address): string {
  const tokens = address.name ? [...displayName(address.name), `<${address.address}>`] : [`<${address.address}>`];
  return foldTokens(name, tokens);
}

function base64Lines(text: string): string {
  const encoded = Buffer.from(text.replace(/\r?\n/g, CRLF)).toString('base64');
  return encoded.match(/.{1,76}/g)?.join(CRLF) ?? '';
}

/** RFC 5322 §3.3 date-time, always in English. */
function rfc5322Date(date: DateTime): string {
  return date.setLocale('en-US').toFormat('ccc, dd LLL yyyy HH:mm:ss ZZZ');
}

/** What renderMime writes: a composed reply, or any message with its own extra headers (a draft has none of the auto-reply ones). */
export type MimeMessage = Omit<ComposedReply, 'headers'> & { headers: Record<string, string> };

export class HeaderInjectionError extends Error {
  override readonly name = 'HeaderInjectionError';
}

/**
 * Last line of defence: a value written into a header as-is must not hold CR or LF, which would
 * end the header and start another (a Bcc, say). Text that is always encoded (Subject, display
 * names, both RFC 2047 words when not printable ASCII) cannot break out and is not checked here.
 */
export function refuseLineBreaks(reply: MimeMessage): void {
  const raw: Array<[string, string]> = [
    ['From', reply.from.address], ['To', reply.to.address], ['Message-ID', reply.messageId],
    ['In-Reply-To', reply.inReplyTo ?? ''], ...reply.references.map((r): [string, string] => ['References', r]),
    ['Content-Language', reply.language], ...Object.entries(reply.headers).flatMap(([k, v]): Array<[string, string]> => [[k, k], [k, v]]),
  ];
  for (const [name, value] of raw) {
    if (/[\r\n]/.test(value)) throw new HeaderInjectionError(`refusing to write a line break into the ${name} header`);
  }
}

export function renderMime(reply: MimeMessage, opts: { date: DateTime }): string {
  refuseLineBreaks(reply);
  const boundary = `=_boundary_${createHash('sha256').update(reply.messageId).digest('hex').slice(0, 24)}`;
  const headers = [
    addressHeader('From', reply.from),
    addressHeader('To', reply.to),
    unstructuredHeader('Subject', reply.subject),
    `Date: ${rfc5322Date(opts.date)}`,
    foldTokens('Message-ID', [reply.messageId]),
    ...(reply.inReplyTo ? [foldTokens('In-Reply-To', [reply.inReplyTo])] : []),
    ...(reply.references.length > 0 ? [foldTokens('References', reply.references)] : []),
    ...Object.entries(reply.headers).map(([k, v]) => foldTokens(k, [v])),
    `Content-Language: ${reply.language}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative;${CRLF} boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) =>
    [`--${boundary}`, `Content-Type: ${type}; charset=UTF-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(body)].join(CRLF);
  return [
    ...headers,
    '',
    'This is a multipart message in MIME format.',
    part('text/plain', reply.text),
    part('text/html', reply.html),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}
