import type { MessageMeta } from '../message.js';
import type { Settings } from '../settings.js';
import { reason, type Reason } from './reasons.js';

/**
 * What the ledger knows about earlier replies, as `decideMessage` needs it. Small and plain JSON
 * so `boundary explain --history HISTORY.json` can read it. Instants are ISO 8601.
 */
export interface ReplyHistory {
  /** Last automatic reply Boundary sent to this sender (RFC 3834 §3.1.1: once per window). */
  lastReplyToSenderAt?: string;
  /** Last automatic reply Boundary sent in this thread. */
  lastReplyInThreadAt?: string;
  /** The ledger already holds a decision for this message (a duplicate notification or retry). */
  alreadyDecided?: boolean;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function alreadyDecided(history: ReplyHistory): Reason | null {
  return history.alreadyDecided ? reason('already-decided', 'This message was already decided; a message gets at most one reply') : null;
}

/** Boundary rule: mail older than the backlog cutoff (a first sync or cursor reset) never gets a reply. */
export function backlog(receivedAtMs: number, settings: Settings, nowMs: number): Reason | null {
  const ageMs = nowMs - receivedAtMs;
  if (ageMs <= settings.backlogCutoffHours * HOUR_MS) return null;
  const hours = Math.floor(ageMs / HOUR_MS);
  return reason('backlog', `Received ${hours} h ago, older than the backlog cutoff of ${settings.backlogCutoffHours} h`);
}

function within(iso: string | undefined, windowMs: number, nowMs: number): boolean {
  if (iso === undefined) return false;
  const at = Date.parse(iso);
  return Number.isFinite(at) && nowMs - at < windowMs;
}

/** RFC 3834 §3.1.1 / RFC 5230 :days: one reply per sender per window; Boundary adds once per thread. */
export function replyWindow(history: ReplyHistory, settings: Settings, nowMs: number): Reason | null {
  const windowMs = settings.replyWindowDays * DAY_MS;
  if (within(history.lastReplyToSenderAt, windowMs, nowMs)) {
    return reason('already-replied-to-sender', `This sender got an automatic reply at ${history.lastReplyToSenderAt}, within the ${settings.replyWindowDays}-day window`);
  }
  if (within(history.lastReplyInThreadAt, windowMs, nowMs)) {
    return reason('already-replied-in-thread', `This thread got an automatic reply at ${history.lastReplyInThreadAt}, within the ${settings.replyWindowDays}-day window`);
  }
  return null;
}

export function spam(message: MessageMeta): Reason | null {
  for (const label of message.labels) {
    if (label === 'spam' || label === 'junk') return reason('spam', 'The provider filed the message as spam');
  }
  return null;
}
