import type { Settings } from '../settings.js';
import { calendarOf } from './calendar.js';
import { dayNumberOfIso } from './zone-clock.js';

/** Whether a calendar date (YYYY-MM-DD, the user's local date) is a working day for them. */
export function isWorkingDay(settings: Settings, isoDate: string): boolean {
  const day = dayNumberOfIso(isoDate);
  return day !== null && calendarOf(settings).plan(day).kind === 'working';
}
