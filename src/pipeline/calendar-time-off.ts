import type { CalendarTimeOff } from '../domain/hours/index.js';
import type { CalendarProvider } from '../providers/types.js';
import { logActivity } from '../storage/activity.js';
import { recordCalendarTimeOff, type TimeOffChange } from '../storage/calendar-time-off.js';
import type { PipelineContext } from './context.js';

const DAY_MS = 86_400_000;
/** How far ahead a fresh baseline looks for out-of-office events (a year of plans, and some). */
const AHEAD_DAYS = 400;

/** How a period reads in the log: an all-day event's end date is exclusive. */
function datesOf(c: CalendarTimeOff): string {
  const last = c.allDay ? new Date(Date.parse(`${c.end}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10) : c.end.slice(0, 16).replace('T', ' ');
  const first = c.allDay ? c.start : c.start.slice(0, 16).replace('T', ' ');
  return `${first} to ${last}${c.allDay ? '' : ' UTC'}`;
}

interface Owner { id: string; user_id: string }

/**
 * Out-of-office events the user already has, read when a calendar baseline is taken (the
 * baseline itself skips what is already there). Replaces what was stored for the account.
 */
export async function seedCalendarTimeOff(ctx: PipelineContext, account: Owner, calendar: CalendarProvider): Promise<void> {
  if (!calendar.timeOffBetween) return;
  const now = ctx.now().getTime();
  const current = await calendar.timeOffBetween(new Date(now - DAY_MS).toISOString(), new Date(now + AHEAD_DAYS * DAY_MS).toISOString());
  await noteTimeOff(ctx, account, { current, gone: [] }, true);
}

/** Stores what a calendar read says about time off; a change is explained in the activity log. */
export async function noteTimeOff(ctx: PipelineContext, account: Owner, change: TimeOffChange, replace = false): Promise<void> {
  const changed = await recordCalendarTimeOff(ctx.db, account.user_id, account.id, change, ctx.now(), replace);
  if (!changed) return;
  const summary = change.current.length > 0
    ? `Out-of-office time in your calendar counts as vacation (${change.current.map(datesOf).join(', ')}); replies sent then say when you are back.`
    : 'Out-of-office time was removed from your calendar, so it no longer counts as vacation.';
  await logActivity(ctx.db, { userId: account.user_id, accountId: account.id, kind: 'settings.calendar-time-off', summary, at: ctx.now() });
}
