/**
 * "Writing again before you answered": the rule the `chaser` signal and the chasing counts share,
 * so `boundary explain` and the digest always agree on what a chaser is.
 */

/** Unanswered messages in a row (this one included) that make a chaser in any thread. */
export const REPEAT_COUNT = 3;
/** How far back an unanswered message still makes the next one a repeat. */
export const REPEAT_WINDOW_MS = 3 * 86_400_000;

export interface Exchange {
  direction: 'in' | 'out';
  ms: number;
  threadId?: string;
}

/**
 * The unanswered earlier messages when this one is a repeat, else null. `earlier` is the same
 * client's mail before it, oldest first. A second message in the same thread before any answer is
 * a nudge; in separate threads it is a new request, so only the third in a row counts.
 */
export function unansweredBefore(earlier: Exchange[], ms: number, threadId?: string): Exchange[] | null {
  const unanswered: Exchange[] = [];
  for (let i = earlier.length - 1; i >= 0; i--) {
    const m = earlier[i]!;
    if (m.direction === 'out') break;
    if (ms - m.ms > REPEAT_WINDOW_MS) break;
    unanswered.unshift(m);
  }
  if (unanswered.length === 0) return null;
  const sameThread = threadId !== undefined && unanswered.some((m) => m.threadId === threadId);
  return sameThread || unanswered.length + 1 >= REPEAT_COUNT ? unanswered : null;
}
