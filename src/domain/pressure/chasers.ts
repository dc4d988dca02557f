import type { ClientMessage } from '../follow-up/conversation.js';
import { groupBy } from '../follow-up/conversation.js';
import { CHASERS } from '../signals/history.js';
import { unansweredBefore, type Exchange } from '../signals/repeat.js';
import { ownText } from '../signals/text.js';

/**
 * Which client messages were chasers, read from the ledger: the `chaser` signal stored when the
 * message was decided, or (for mail decided before signals were stored, and for the metadata the
 * ledger keeps) chasing words in the subject or snippet, or writing again before the user answered.
 */
export function chaserMessages(messages: ClientMessage[]): ClientMessage[] {
  const out: ClientMessage[] = [];
  for (const list of groupBy(messages, (m) => m.key).values()) {
    const earlier: Exchange[] = [];
    for (const m of list) {
      if (m.direction === 'in' && isChaser(m, earlier)) out.push(m);
      earlier.push({ direction: m.direction, ms: m.atMs, threadId: m.threadId });
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}

function isChaser(m: ClientMessage, earlier: Exchange[]): boolean {
  if (m.signals?.includes('chaser')) return true;
  if (CHASERS.find(ownText({ subject: m.subject, body: m.snippet ?? '' }))) return true;
  return unansweredBefore(earlier, m.atMs, m.threadId) !== null;
}
