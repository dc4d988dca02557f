import { DateTime } from 'luxon';
import { zoneNamed } from '../hours/zone-clock.js';
import { findDates } from '../dates/find-dates.js';
import type { MessageMeta } from '../message.js';
import type { Client, ReplyLanguage, Settings } from '../settings.js';
import { abusiveSignal } from './abusive.js';
import { commitmentSignal } from './commitment.js';
import { contractSignals } from './contract.js';
import { decisionSignal } from './decision.js';
import { chaserSignal, newWorkWhileUnpaidSignal, silentReturnSignal } from './history.js';
import { paymentSignal } from './payment.js';
import { revisionSignal, scopeSignal } from './scope.js';
import { ownText, sentenceSpans } from './text.js';
import { SIGNAL_CODES, type Signal, type SignalHistory, type SignalMessage } from './types.js';
import { urgentSignal } from './urgent.js';

export { SIGNAL_CODES, type HistoryMessage, type OpenInvoice, type Signal, type SignalCode, type SignalHistory, type SignalMessage } from './types.js';
export { signalOverride, type SignalOverride } from './override.js';

export interface SignalContext {
  /** The user's settings: their zone reads dates, their hours measure silences. */
  settings: Settings;
  /** The listed client who wrote, when known: their own silence threshold applies. */
  client: Client | null;
  /** The message's language when known (the client's setting or detection); dates are read in it. */
  language: ReplyLanguage | null;
}

/** A message as the providers normalize it, with the body when the caller read one. */
export function signalMessage(meta: MessageMeta, body?: string): SignalMessage {
  return { subject: meta.subject, body: body ?? meta.snippet ?? '', headers: meta.headers, receivedAt: meta.receivedAt, threadId: meta.threadId };
}

/**
 * Everything Boundary notices in one message, in the order of SIGNAL_CODES. Pure: the reference
 * time is when the message arrived. History-based signals (chaser, silent-return,
 * new-work-while-unpaid) need `history`; without it they are not looked for.
 */
export function detectSignals(message: SignalMessage, ctx: SignalContext, history?: SignalHistory): Signal[] {
  // The zone object keeps its offsets: every date read below converts in it.
  const zone = zoneNamed(ctx.settings.timeZone) ?? ctx.settings.timeZone;
  const receivedAt = DateTime.fromISO(message.receivedAt, { zone });
  if (!receivedAt.isValid) throw new Error(`message.receivedAt is not an ISO 8601 instant: '${message.receivedAt}'`);
  const text = ownText(message);
  const spans = sentenceSpans(text);
  // One date reading per message, shared by the deadline and the commitment rules.
  const dates = findDates(text, { language: ctx.language, now: receivedAt, zone });
  const scope = scopeSignal(text);
  const found: Array<Signal | null> = [
    urgentSignal(text, message.headers, spans, dates, receivedAt),
    abusiveSignal(text),
    decisionSignal(text),
    scope,
    revisionSignal(text),
    ...contractSignals(text),
    paymentSignal(text),
    commitmentSignal(spans, dates, receivedAt),
  ];
  if (history) {
    found.push(
      chaserSignal(text, history, receivedAt, message.threadId),
      silentReturnSignal(history, receivedAt, ctx.settings, ctx.client),
      newWorkWhileUnpaidSignal(text, history, receivedAt, scope !== null),
    );
  }
  return found.filter((s): s is Signal => s !== null).sort((a, b) => SIGNAL_CODES.indexOf(a.code) - SIGNAL_CODES.indexOf(b.code));
}
