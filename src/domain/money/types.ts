import type { ReplyLanguage } from '../settings.js';

/** What the work with a client covers, as the user recorded it. */
export interface Scope {
  deliverables: string[];
  /** Revision rounds included in the price; null when none were agreed. */
  revisionRounds: number | null;
  /** Decimal text ("45.50"): never a float. */
  rate: string | null;
  /** ISO 4217 code, upper case. */
  currency: string | null;
  /** What the rate is per: 'hour', 'day', 'page', 'round', 'project'. */
  unit: RateUnit | null;
}

export const RATE_UNITS = ['hour', 'day', 'page', 'round', 'project'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];

export type InvoiceStatus = 'suggested' | 'open' | 'dismissed';

export interface Invoice {
  id: string;
  clientId: string;
  reference: string;
  /** Decimal text ("1200.00"). */
  amount: string;
  currency: string;
  /** Local dates (YYYY-MM-DD) in the user's zone. */
  issuedOn: string;
  dueOn: string;
  paidOn: string | null;
  status: InvoiceStatus;
  source: 'mail' | 'manual';
  contact: string | null;
  language: ReplyLanguage | null;
}

/** The four reminders, mildest first. */
export const REMINDER_STAGES = ['before', 'due', 'late-7', 'late-30'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];
