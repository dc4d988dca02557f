import { ProviderError } from '../types.js';

/**
 * The mail cursor: UIDVALIDITY and UIDNEXT of INBOX (RFC 3501 §2.3.1.1), plus HIGHESTMODSEQ when
 * the server has CONDSTORE (RFC 7162). A different UIDVALIDITY means every UID changed meaning.
 */
export interface MailCursor {
  uidValidity: bigint;
  uidNext: number;
  modseq: bigint | null;
}

export function formatCursor(c: MailCursor): string {
  return `imap1.${c.uidValidity}.${c.uidNext}.${c.modseq ?? 0}`;
}

export function parseCursor(text: string): MailCursor {
  const m = /^imap1\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (!m) throw new ProviderError('cursor_expired', `not an IMAP mail cursor: ${text.slice(0, 40)}`);
  return { uidValidity: BigInt(m[1]!), uidNext: Number(m[2]), modseq: m[3] === '0' ? null : BigInt(m[3]!) };
}

/**
 * The calendar cursor: where the iMIP read of INBOX stands (a mail cursor of its own), and the
 * CalDAV sync-token (RFC 6578) when the account has a calendar server.
 */
export interface CalendarCursor {
  mail: string;
  dav: string | null;
}

export function formatCalendarCursor(c: CalendarCursor): string {
  return JSON.stringify({ v: 'cal1', mail: c.mail, dav: c.dav });
}

export function parseCalendarCursor(text: string): CalendarCursor {
  const c = readJson(text) as { v?: unknown; mail?: unknown; dav?: unknown } | null;
  if (!c || c.v !== 'cal1' || typeof c.mail !== 'string' || (c.dav !== null && typeof c.dav !== 'string')) {
    throw new ProviderError('cursor_expired', `not an IMAP calendar cursor: ${text.slice(0, 40)}`);
  }
  parseCursor(c.mail);
  return { mail: c.mail, dav: c.dav };
}

/** An earlier cursor form is not JSON: it reads as expired, so a fresh baseline is taken. */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
