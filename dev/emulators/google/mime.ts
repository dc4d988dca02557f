import type { InjectedMessage } from '../harness.js';

/** Just enough RFC 5322 to build injected mail and read the headers of mail the adapter sends. */

export interface Header {
  name: string;
  value: string;
}

/** RFC 2047 encoded words, for non-ASCII header values. */
const encodeWord = (v: string): string => (/^[\x20-\x7e]*$/.test(v) ? v : `=?UTF-8?B?${Buffer.from(v).toString('base64')}?=`);

function decodeWords(v: string): string {
  return v.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

/** RFC 5322 date with a numeric zone, e.g. "Tue, 03 Mar 2026 21:15:00 +0000". */
export function rfc2822(d: Date): string {
  return d.toUTCString().replace('GMT', '+0000');
}

export function buildRaw(m: InjectedMessage, messageId: string, now: Date): { raw: string; headers: Header[] } {
  // A test may supply its own Message-ID (or Date); a message carries each only once.
  const given = new Set(Object.keys(m.headers ?? {}).map((k) => k.toLowerCase()));
  const headers: Header[] = [
    { name: 'From', value: m.from },
    { name: 'To', value: m.to.join(', ') },
    ...(m.cc?.length ? [{ name: 'Cc', value: m.cc.join(', ') }] : []),
    { name: 'Subject', value: m.subject },
    ...(given.has('date') ? [] : [{ name: 'Date', value: m.date ?? rfc2822(now) }]),
    ...(given.has('message-id') ? [] : [{ name: 'Message-ID', value: messageId }]),
    { name: 'MIME-Version', value: '1.0' },
    { name: 'Content-Type', value: 'text/plain; charset=UTF-8' },
    ...Object.entries(m.headers ?? {}).map(([name, value]) => ({ name, value })),
  ];
  const head = headers.map((h) => `${h.name}: ${encodeWord(h.value)}`).join('\r\n');
  return { raw: `${head}\r\n\r\n${(m.body ?? 'Hello').replace(/\r?\n/g, '\r\n')}\r\n`, headers };
}

/** Splits a raw message into decoded headers and body (unfolding continuation lines). */
export function parseRaw(raw: string): { headers: Header[]; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: Header[] = [];
  for (const line of head.split(/\r?\n/)) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return { headers: headers.map((h) => ({ name: h.name, value: decodeWords(h.value) })), body };
}

export const headerValue = (headers: Header[], name: string): string | undefined =>
  headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

/** Gmail compares subjects without reply/forward prefixes when threading. */
export const baseSubject = (s: string): string => s.replace(/^\s*((re|fwd?|aw|sv)\s*:\s*)+/i, '').trim().toLowerCase();
