import type { ClientMessage } from '../follow-up/conversation.js';
import { isWorkingMs } from '../hours/index.js';
import type { Settings } from '../settings.js';

/**
 * The user's side of the boundary with one client: of the mail the user sent them, how much went
 * outside the user's own hours. Shown beside the client's share, so both sides are visible.
 */
export interface OwnShare {
  sent: number;
  outside: number;
  /** outside / sent, 0..1. */
  share: number;
}

/**
 * Per client name: the user's messages in (fromMs, toMs], classified by the same working-hours
 * rule as the client's share. A client the user wrote nothing to is absent (nothing to say, not "0 of 0").
 */
export function ownSharesByClient(messages: ClientMessage[], settings: Settings, fromMs: number, toMs: number): Map<string, OwnShare> {
  const out = new Map<string, OwnShare>();
  for (const m of messages) {
    if (m.direction !== 'out' || !(m.atMs > fromMs && m.atMs <= toMs)) continue;
    const row = out.get(m.client.name) ?? { sent: 0, outside: 0, share: 0 };
    row.sent += 1;
    if (!isWorkingMs(settings, m.atMs)) row.outside += 1;
    row.share = row.outside / row.sent;
    out.set(m.client.name, row);
  }
  return out;
}

/** "You: 2 of 9 (22%) outside your hours"; null when the user sent them nothing. */
export function ownShareText(s: OwnShare | null | undefined): string | null {
  if (!s || s.sent === 0) return null;
  return `You: ${s.outside} of ${s.sent} (${Math.round(s.share * 100)}%) outside your hours`;
}
