import type { Decision } from '../domain/decide-message.js';
import type { MessageMeta } from '../domain/message.js';

/** One line a person can read in the activity log: who, what, and the deciding reason. */
export function describeDecision(message: MessageMeta, decision: Decision): string {
  const who = message.from?.name ? `${message.from.name} <${message.from.address}>` : (message.from?.address ?? 'an unknown sender');
  const subject = message.subject ? `"${message.subject.slice(0, 120)}"` : '(no subject)';
  const why = decision.reasons[0]?.message ?? '';
  switch (decision.action) {
    case 'auto-reply':
      return `Will reply to ${who} about ${subject}: ${why}.`;
    case 'notify-only':
      return `No automatic reply to ${who} about ${subject}, but flagged for you: ${why}.`;
    default:
      return `No reply to ${who} about ${subject}: ${why}.`;
  }
}
