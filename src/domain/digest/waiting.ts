import { DateTime } from 'luxon';
import type { Line, Section } from './sections.js';
import type { DigestModel } from './types.js';
import { plural } from './words.js';

/**
 * Issue 21 in the digest: the user's own replies held for the working day, and when each goes;
 * and, where the user wrote to clients after hours without holding anything, a nudge to hold.
 */

export interface DigestHeldRow {
  recipient: string;
  subject: string;
  /** ISO instant the held reply goes. */
  sendAt: string;
}

export interface WaitingToSend extends DigestHeldRow {
  /** "Tue 27 Oct 09:00" in the user's zone. */
  localTime: string;
}

export interface HeldInDigest {
  waiting: WaitingToSend[];
  /** The user holds after-hours replies to clients (settings.hold.enabled). */
  holdOn: boolean;
}

const SHOWN = 5;

export function heldInDigest(rows: readonly DigestHeldRow[], zone: string, holdOn: boolean): HeldInDigest {
  const waiting = [...rows]
    .sort((a, b) => a.sendAt.localeCompare(b.sendAt))
    .map((r) => ({ ...r, localTime: DateTime.fromISO(r.sendAt, { zone }).setLocale('en').toFormat('ccc d LLL HH:mm') }));
  return { waiting, holdOn };
}

export function waitingSection(m: DigestModel): Section | null {
  const waiting = m.held?.waiting ?? [];
  if (waiting.length === 0) return null;
  const lines: Line[] = waiting.slice(0, SHOWN).map((w) => ({ text: `To ${w.recipient}: "${w.subject || '(no subject)'}"`, note: `goes ${w.localTime}` }));
  if (waiting.length > SHOWN) lines.push({ text: `…and ${waiting.length - SHOWN} more on the Waiting to send page.` });
  return { id: 'held', title: 'Waiting to send', intro: `${plural(waiting.length, 'reply', 'replies')} you held for the working day. Send now or cancel on the Waiting to send page.`, lines };
}

/** The nudge, never a block: offered beside the user's own late mail while holding is off. */
export function holdNudge(m: DigestModel): Line | null {
  if (!m.ownBoundary || !m.held || m.held.holdOn) return null;
  return { text: 'Boundary can hold these for you: turn on "Hold my after-hours replies to clients" on the Waiting to send page, then mark a late draft and it goes at your next working start.' };
}
