import { DateTime } from 'luxon';
import type { Settings, Vacation } from '../settings.js';
import { calendarOf } from './calendar.js';
import { dayNumberOfIso, isoOfDayNumber } from './zone-clock.js';

/**
 * Time off the user put in their own calendar (Google's outOfOffice events, Outlook's
 * showAs "oof"). All-day events carry dates, the end exclusive (as both calendars write them);
 * timed events carry ISO instants.
 */
export interface CalendarTimeOff {
  eventId: string;
  allDay: boolean;
  start: string;
  end: string;
}

/** An instant window [start, end) as the local dates of `zone` it touches; an end at midnight ends the day before. */
export function localDatesOf(start: DateTime, end: DateTime, zone: string): { start: string; end: string } | null {
  const first = start.setZone(zone);
  const last = end.setZone(zone).minus({ milliseconds: 1 });
  if (!first.isValid || !last.isValid || last < first) return null;
  return { start: first.toISODate()!, end: last.toISODate()! };
}

/**
 * Local day numbers a timed absence takes off: a day with working hours counts only when the
 * absence covers all of them (two hours at the dentist leave the rest of the day a working
 * day); a day without working hours counts when the absence touches it.
 */
function daysCovered(settings: Settings, startMs: number, endMs: number): number[] {
  const dates = localDatesOf(DateTime.fromMillis(startMs), DateTime.fromMillis(endMs), settings.timeZone);
  const first = dates ? dayNumberOfIso(dates.start) : null;
  const last = dates ? dayNumberOfIso(dates.end) : null;
  if (first === null || last === null) return [];
  const calendar = calendarOf(settings);
  const days: number[] = [];
  for (let d = first; d <= last && d - first < 800; d++) {
    if (calendar.plan(d).spans.every(([s, e]) => s >= startMs && e <= endMs)) days.push(d);
  }
  return days;
}

function daysOf(settings: Settings, item: CalendarTimeOff): number[] {
  if (item.allDay) {
    const first = dayNumberOfIso(item.start);
    const end = dayNumberOfIso(item.end);
    if (first === null || end === null) return [];
    const days: number[] = [];
    for (let d = first; d < Math.max(end, first + 1) && d - first < 800; d++) days.push(d);
    return days;
  }
  const startMs = Date.parse(item.start);
  const endMs = Date.parse(item.end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs) || endMs <= startMs) return [];
  return daysCovered(settings, startMs, endMs);
}

/**
 * Calendar time off as vacations in the user's zone: runs of consecutive days, so a reply
 * during one says when the user is back. Worked out against the user's own schedule (their
 * vacations, holidays and hours), which is why it takes the settings.
 */
export function vacationsOfTimeOff(settings: Settings, items: readonly CalendarTimeOff[]): Vacation[] {
  const days = [...new Set(items.flatMap((item) => daysOf(settings, item)))].sort((a, b) => a - b);
  const out: Vacation[] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && dayNumberOfIso(last.end) === d - 1) last.end = isoOfDayNumber(d);
    else out.push({ start: isoOfDayNumber(d), end: isoOfDayNumber(d) });
  }
  return out;
}

/** The settings with calendar time off added to the user's own vacations (the user's stay first). */
export function withCalendarTimeOff<S extends Settings>(settings: S, items: readonly CalendarTimeOff[]): S {
  const fromCalendar = items.length > 0 ? vacationsOfTimeOff(settings, items) : [];
  return fromCalendar.length > 0 ? { ...settings, vacations: [...settings.vacations, ...fromCalendar] } : settings;
}
