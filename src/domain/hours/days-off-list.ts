import type { Settings } from '../settings.js';
import { calendarOf } from './calendar.js';
import { dayNumberOfIso, isoOfDayNumber } from './zone-clock.js';

export interface DayOffEntry {
  date: string;
  kind: 'holiday' | 'vacation' | 'day-off';
  name: string;
}

/**
 * Every day off from `fromDate` for `days` local days: holidays (of the chosen types and the
 * user's own), vacations and dates set to no hours, so a person can check them in advance.
 * Weekly rest days are left out: the week already shows them.
 */
export function daysOffAhead(settings: Settings, fromDate: string, days: number): DayOffEntry[] {
  const first = dayNumberOfIso(fromDate);
  if (first === null) throw new Error(`'${fromDate}' is not a date (YYYY-MM-DD)`);
  const calendar = calendarOf(settings);
  const out: DayOffEntry[] = [];
  for (let d = first; d < first + days; d++) {
    const plan = calendar.plan(d);
    if (plan.kind === 'holiday') out.push({ date: isoOfDayNumber(d), kind: 'holiday', name: plan.holidayName ?? '' });
    else if (plan.kind === 'vacation') out.push({ date: isoOfDayNumber(d), kind: 'vacation', name: 'Vacation' });
    else if (plan.kind === 'day-off') out.push({ date: isoOfDayNumber(d), kind: 'day-off', name: 'No working hours' });
  }
  return out;
}
