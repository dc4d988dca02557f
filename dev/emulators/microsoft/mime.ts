import type { EmailAddress } from './state.js';

/** Just enough RFC 5322 for the emulator: unfolded headers, a body, and address lists. */

export interface ParsedMime {
  headers: { name: string; value: string }[];
  body: string;
}

export function parseMime(raw: string): ParsedMime {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers: { name: string; value: string }[] = [];
  for (const line of head.split(/\r?\n/)) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) last.value += ' ' + line.trim(); // RFC 5322 §2.2.3 unfolding
    else {
      const colon = line.indexOf(':');
      if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
    }
  }
  return { headers, body };
}

export function headerValue(headers: { name: string; value: string }[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** "Ana <ana@x>, bo@y" → EmailAddress[] (commas inside quotes or angle brackets are kept). */
export function parseAddressList(value: string | undefined): EmailAddress[] {
  if (!value) return [];
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (ch === '<') angle = true;
    if (ch === '>') angle = false;
    if (ch === ',' && !quoted && !angle) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean).map(parseAddress);
}

export function parseAddress(text: string): EmailAddress {
  const m = /^(.*?)\s*<([^>]+)>\s*$/.exec(text);
  if (m) return { emailAddress: { name: m[1]!.replace(/^"|"$/g, '').trim() || m[2]!, address: m[2]!.trim() } };
  return { emailAddress: { name: text.trim(), address: text.trim() } };
}

export function formatAddress(a: EmailAddress): string {
  return a.emailAddress.name && a.emailAddress.name !== a.emailAddress.address
    ? `${a.emailAddress.name} <${a.emailAddress.address}>`
    : a.emailAddress.address;
}
