import { DateTime } from 'luxon';
import { workingTimeBetween } from '../hours/index.js';
import { minutesOfClock } from '../hours/zone-clock.js';
import type { Settings } from '../settings.js';

const HOUR_MS = 3_600_000;

/**
 * How long the user's typical working day is, in hours: the weekly schedule's working time
 * divided by the number of weekdays that have any. "3 working days" then means three such days
 * of working time, so a half-day Friday or a holiday simply stretches the calendar span.
 * Falls back to 8 hours when the week has no working time at all.
 */
export function typicalDayHours(settings: Settings): number {
  let minutes = 0;
  let days = 0;
  for (const day of Object.values(settings.week)) {
    let dayMinutes = 0;
    for (const i of day) {
      const start = minutesOfClock(i.start);
      const end = minutesOfClock(i.end);
      if (start === null || end === null || start === end) continue;
      dayMinutes += end > start ? end - start : end + 1440 - start;
    }
    if (dayMinutes > 0) days += 1;
    minutes += dayMinutes;
  }
  return days === 0 ? 8 : minutes / days / 60;
}

export function instant(iso: string | Date): DateTime {
  return typeof iso === 'string' ? DateTime.fromISO(iso, { zone: 'utc' }) : DateTime.fromJSDate(iso, { zone: 'utc' });
}

/** Working hours between two instants on the user's schedule (holidays and vacations excluded). */
export function workingHoursBetween(settings: Settings, from: string | Date | DateTime, to: string | Date | DateTime): number {
  const a = DateTime.isDateTime(from) ? from : instant(from);
  const b = DateTime.isDateTime(to) ? to : instant(to);
  return workingTimeBetween(settings, a, b).toMillis() / HOUR_MS;
}

export function workingDaysBetween(settings: Settings, from: string | Date | DateTime, to: string | Date | DateTime): number {
  return workingHoursBetween(settings, from, to) / typicalDayHours(settings);
}

/** Rounds for display and reports: working hours to one decimal. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;
