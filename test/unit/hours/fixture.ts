import { parseSettings } from '../../../src/domain/settings-validate.js';
import type { Settings } from '../../../src/domain/settings.js';

type Day = Array<{ start: string; end: string }>;
const span = (start: string, end: string): Day => [{ start, end }];

export const weekdays = (hours: Day): Record<string, Day> => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours });
export const nineToFive = weekdays(span('09:00', '17:00'));

/** Settings through the real parser, holidays off unless given. */
export function settingsFor(timeZone: string, week: Record<string, Day>, extra: Record<string, unknown> = {}): Settings {
  return parseSettings({ timeZone, week, holidays: { enabled: false }, ...extra });
}

export { span };
