import type { Metrics } from './registry.js';

/**
 * What the pipeline calls to count things. Each is one in-memory increment; a context without
 * metrics (a CLI one-off, a unit test) simply counts nothing.
 */
interface Counted {
  metrics?: Metrics;
}

export type ReplyOutcome = 'queued' | 'preview' | 'sent' | 'recovered' | 'cancelled';

export function countMessageSeen(ctx: Counted, direction: 'in' | 'out'): void {
  ctx.metrics?.messagesSeen.inc({ direction });
}

export function countDecision(ctx: Counted, decision: { category: string; action: string }): void {
  ctx.metrics?.decisions.inc({ category: decision.category, action: decision.action });
}

export function countReply(ctx: Counted, state: ReplyOutcome): void {
  ctx.metrics?.replies.inc({ state });
}

export function countProviderError(ctx: Counted, kind: string): void {
  ctx.metrics?.providerErrors.inc({ kind });
}
