import type { HeaderMap } from '../message.js';

/** Stable codes: the API, `boundary explain` and stored activity show them, so they never change meaning. */
export const SIGNAL_CODES = [
  'urgent', 'chaser', 'abusive', 'silent-return',
  'decision', 'scope-change', 'revision-request', 'contract-refusal', 'contract-mention',
  'payment-promise', 'new-work-while-unpaid', 'commitment',
] as const;
export type SignalCode = (typeof SIGNAL_CODES)[number];

/** Something Boundary noticed in a message. It informs the user; it never decides on its own. */
export interface Signal {
  code: SignalCode;
  /** One line for people: what was noticed. */
  text: string;
  /** The words in the message (or the history fact) that triggered it. */
  evidence: string;
  /** For `commitment` and a deadline-driven `urgent`: when it is due (ISO 8601 instant). */
  date?: string;
}

/** The parts of a message the signals read. The body is read, never stored. */
export interface SignalMessage {
  subject: string;
  /** Plain-text body (or the provider's snippet); quoted earlier mail is cut off before reading. */
  body: string;
  headers: HeaderMap;
  /** When it arrived (ISO 8601 instant): "tomorrow" and every history gap are measured from it. */
  receivedAt: string;
  /** Its thread, when known: a second unanswered message in one thread is a chaser. */
  threadId?: string;
}

/** Earlier mail with the same client, oldest first or in any order; only metadata is needed. */
export interface HistoryMessage {
  direction: 'in' | 'out';
  /** ISO 8601 instant. */
  at: string;
  threadId?: string;
}

export interface OpenInvoice {
  /** ISO 8601 instant or date. */
  dueAt: string;
  /** When it was paid, if it was. */
  paidAt?: string | null;
  reference?: string;
}

/** What the history-based signals (chaser, silent-return, new-work-while-unpaid) need. */
export interface SignalHistory {
  messages?: HistoryMessage[];
  invoices?: OpenInvoice[];
}
