import type { Decision } from '../domain/decide-message.js';
import type { MessageMeta } from '../domain/message.js';
import type { Client, Settings } from '../domain/settings.js';
import type { Signal } from '../domain/signals/index.js';
import type { AccountRow } from '../storage/accounts.js';
import type { PipelineContext } from './context.js';

/** An inbound human message, once decided, with what Boundary noticed in it. */
export interface InboundEvent {
  account: AccountRow;
  settings: Settings;
  message: MessageMeta;
  client: Client | null;
  decision: Decision;
  signals: Signal[];
}

/** A message the user sent (read from the sent folder or seen in the inbox as theirs). */
export interface SentEvent {
  account: AccountRow;
  settings: Settings;
  message: MessageMeta;
}

/**
 * What each feature does about a message (drafts, alerts, counters), one file per feature under
 * reactions/. A reaction may run twice for one message (a crash between decision and reaction, or
 * two workers), so each one is idempotent: dedupe keys, unique rows.
 */
const INBOUND: Array<(ctx: PipelineContext, e: InboundEvent) => Promise<void>> = [];
const SENT: Array<(ctx: PipelineContext, e: SentEvent) => Promise<void>> = [];

export async function reactToSignals(ctx: PipelineContext, event: InboundEvent): Promise<void> {
  for (const react of INBOUND) await react(ctx, event);
}

export async function reactToSentMail(ctx: PipelineContext, event: SentEvent): Promise<void> {
  for (const react of SENT) await react(ctx, event);
}
