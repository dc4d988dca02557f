/**
 * Stable reason codes. Every decision names the rule behind it with one of these codes; the
 * activity log, `boundary explain` and the API show them, so they never change meaning.
 */
export type ReasonCode =
  // RFC 3834 / Sieve vacation (RFC 5230) / Pigeonhole practice
  | 'no-sender'
  | 'null-return-path'
  | 'delivery-report'
  | 'auto-submitted'
  | 'boundary-reply'
  | 'list-header'
  | 'precedence-bulk'
  | 'suppress-auto-response'
  | 'system-sender'
  | 'noreply-sender'
  | 'own-address'
  | 'not-addressed-to-user'
  // Machine mail outside RFC 3834, as helpdesks and list servers filter it (machine-markers.ts)
  | 'autoreply-header'
  | 'precedence-auto-reply'
  | 'ticket-system-loop'
  | 'loop-header'
  | 'calendar-response'
  // Boundary's own rules
  | 'spam'
  | 'already-decided'
  | 'backlog'
  | 'already-replied-to-sender'
  | 'already-replied-in-thread'
  | 'not-a-client'
  | 'own-domain'
  | 'vip'
  | 'auto-reply-off'
  | 'unsafe-header'
  | 'invitation-answered'
  | 'abusive'
  // Categories (why a reply is or is not due at that time)
  | 'within-hours'
  | 'after-hours'
  | 'weekend'
  | 'holiday'
  | 'vacation';

export interface Reason {
  code: ReasonCode;
  message: string;
}

export function reason(code: ReasonCode, message: string): Reason {
  return { code, message };
}
