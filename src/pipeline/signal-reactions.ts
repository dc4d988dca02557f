import type { Decision } from '../domain/decide-message.js';
import type { MessageMeta } from '../domain/message.js';
import type { Client, Settings } from '../domain/settings.js';
import type { HistoryMessage, Signal } from '../domain/signals/index.js';
import type { AccountRow } from '../storage/accounts.js';
import { reactToContractMail, noteContractSent } from './reactions/contract.js';
import { draftFirstContactNote } from './reactions/first-contact.js';
import { confirmRecapByReply, offerRecap } from './reactions/recap.js';
import type { PipelineContext } from './context.js';
import { suggestInvoiceFromMail } from './invoices-from-mail.js';
import { warnNewWorkWhileUnpaid } from './reactions/new-work-while-unpaid.js';
import { reactToScope } from './reactions/scope.js';
import { alertReaction } from './reactions/alerts.js';
import { lineDraftReaction } from './reactions/line-drafts.js';

/** An inbound human message, once decided, with what Boundary noticed in it. */
export interface InboundEvent {
  account: AccountRow;
  settings: Settings;
  message: MessageMeta;
  client: Client | null;
  decision: Decision;
  signals: Signal[];
  /** The sender's earlier mail, when the signals were just read with it; absent when reacting after a crash. */
  earlierMail?: HistoryMessage[];
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
const INBOUND: Array<(ctx: PipelineContext, e: InboundEvent) => Promise<void>> = [
  // issue 18: VIP and urgent mail reach the user now (first: they are the ones in a hurry)
  alertReaction,
  // issue 20: scope, money, first contact, recaps and contracts
  reactToScope,
  warnNewWorkWhileUnpaid,
  draftFirstContactNote,
  offerRecap,
  confirmRecapByReply,
  reactToContractMail,
  // issue 18: set-the-line and real-deadline drafts
  lineDraftReaction,
];
const SENT: Array<(ctx: PipelineContext, e: SentEvent) => Promise<void>> = [
  suggestInvoiceFromMail,
  noteContractSent,
];

export async function reactToSignals(ctx: PipelineContext, event: InboundEvent): Promise<void> {
  // An ended client's mail is logged and shown, and nothing more: no drafts, alerts or counting.
  if (event.client?.status === 'ended') return;
  for (const react of INBOUND) await react(ctx, event);
}

export async function reactToSentMail(ctx: PipelineContext, event: SentEvent): Promise<void> {
  for (const react of SENT) await react(ctx, event);
}
