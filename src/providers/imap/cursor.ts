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
