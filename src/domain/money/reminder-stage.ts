import { DateTime } from 'luxon';
import { REMINDER_STAGES, type Invoice, type ReminderStage } from './types.js';

/** Days from the due date at which each reminder becomes due: a friendly note three days ahead. */
export const STAGE_OFFSET_DAYS: Record<ReminderStage, number> = { before: -3, due: 0, 'late-7': 7, 'late-30': 30 };

/** The local date (YYYY-MM-DD) of an instant in the user's zone. */
export function localDate(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** Whole days from `from` to `to`, both local dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
}

/** Days past due on `today` (negative before the due date). */
export function daysLate(invoice: Pick<Invoice, 'dueOn'>, today: string): number {
  return daysBetween(invoice.dueOn, today);
}

/**
 * The reminder to draft now for an open invoice, or null. Only the latest stage reached counts:
 * an invoice entered ten days late gets the 7-days-late note, never a "due soon" one after it.
 * `drafted` lists the stages already drafted; each stage is drafted once. Dates are read in the
 * user's zone, so "the day it is due" is their day.
 */
export function reminderStageDue(invoice: Pick<Invoice, 'dueOn' | 'paidOn' | 'status' | 'issuedOn'>, drafted: ReadonlySet<string>, now: Date, zone: string): ReminderStage | null {
  if (invoice.status !== 'open' || invoice.paidOn) return null;
  const today = localDate(now, zone);
  const late = daysLate(invoice, today);
  const reached = REMINDER_STAGES.filter((s) => late >= STAGE_OFFSET_DAYS[s]).pop();
  if (!reached || drafted.has(reached)) return null;
  // A later stage already drafted (the due date moved back): never step down to a milder one.
  if (REMINDER_STAGES.slice(REMINDER_STAGES.indexOf(reached) + 1).some((s) => drafted.has(s))) return null;
  // "Due in three days" for an invoice issued yesterday with a 2-day term reads oddly: skip it.
  if (reached === 'before' && daysBetween(invoice.issuedOn, today) < 1) return null;
  return reached;
}

/** Paid after the due date (both local dates). */
export function paidLate(invoice: Pick<Invoice, 'dueOn' | 'paidOn'>): boolean {
  return invoice.paidOn !== null && invoice.paidOn > invoice.dueOn;
}

/** Open, unpaid and past due on `today`. */
export function isOverdue(invoice: Pick<Invoice, 'dueOn' | 'paidOn' | 'status'>, today: string): boolean {
  return invoice.status === 'open' && !invoice.paidOn && invoice.dueOn < today;
}
