import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * The pipeline's counters on a registry of their own. One is built per runtime by the composition
 * root (never prom-client's global default), so two runtimes in one test process don't collide.
 */
export interface Metrics {
  registry: Registry;
  messagesSeen: Counter<'direction'>;
  decisions: Counter<'category' | 'action'>;
  replies: Counter<'state'>;
  providerErrors: Counter<'kind'>;
}

export function createMetrics(opts: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  // Process CPU, memory and event-loop figures are read on scrape; no timers of our own.
  if (opts.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'boundary_' });
  return {
    registry,
    messagesSeen: new Counter({
      name: 'boundary_messages_seen_total',
      help: 'Messages handed to the pipeline by a mailbox sync, by direction (in: from others, out: the user\'s own).',
      labelNames: ['direction'],
      registers: [registry],
    }),
    decisions: new Counter({
      name: 'boundary_decisions_total',
      help: 'Decisions recorded in the ledger (one per account and message), by time category and action.',
      labelNames: ['category', 'action'],
      registers: [registry],
    }),
    replies: new Counter({
      name: 'boundary_replies_total',
      help: 'Automatic replies by outcome: queued (held for the grace period), preview (held: sending is off), sent, recovered (found already sent after a crash), cancelled.',
      labelNames: ['state'],
      registers: [registry],
    }),
    providerErrors: new Counter({
      name: 'boundary_provider_errors_total',
      help: 'Errors from Gmail or Graph seen by account jobs, by kind (rate_limited, auth_revoked, cursor_expired, not_found, transient, permanent).',
      labelNames: ['kind'],
      registers: [registry],
    }),
  };
}
