import type { ReasonCode } from '../../domain/etiquette/reasons.js';
import type { InboundEvent } from '../signal-reactions.js';

/**
 * Decisions about a client's fresh, human mail. Backlog, machine mail, colleagues and mail decided
 * before are left alone: an alert or a draft about those would be noise.
 */
const FRESH_CLIENT_MAIL: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'within-hours', 'after-hours', 'weekend', 'holiday', 'vacation',
  'vip', 'auto-reply-off', 'abusive', 'unsafe-header', 'invitation-answered',
  'already-replied-to-sender', 'already-replied-in-thread',
]);

export function isFreshClientMail(e: InboundEvent): boolean {
  const code = e.decision.reasons[0]?.code;
  return e.client !== null && e.message.from !== null && code !== undefined && FRESH_CLIENT_MAIL.has(code);
}
