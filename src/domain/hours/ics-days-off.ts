import type { DayOff } from '../settings.js';
import { dayNumberOfIso, isoOfDayNumber } from './zone-clock.js';

/**
 * Days off from an iCalendar file (RFC 5545): every all-day VEVENT (DTSTART;VALUE=DATE) becomes
 * one day off per date it covers, named by its SUMMARY. Timed events are skipped (a meeting is
 * not a day off); a holiday calendar exported from Google or Outlook is all-day events.
 */
export class IcsError extends Error {
  override readonly name = 'IcsError';
}

const MAX_DAYS_PER_EVENT = 31;

/** RFC 5545 §3.1: a line starting with a space or tab continues the previous one. */
function unfold(text: string): string[] {
  return text.replace(/\r\n/g, '\n').replace(/\n[ \t]/g, '').split('\n');
}

/** RFC 5545 §3.3.11 TEXT escapes. */
const unescapeText = (v: string): string => v.replace(/\\([nN])/g, ' ').replace(/\\([\\;,])/g, '$1').trim();

function dateOf(line: string): string | null {
  const m = /^[^:]*VALUE=DATE[^:]*:(\d{4})(\d{2})(\d{2})\s*$/i.exec(line) ?? /^[^:;]*:(\d{4})(\d{2})(\d{2})\s*$/.exec(line);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export function daysOffFromIcs(text: string, maxDays: number): DayOff[] {
  const lines = unfold(text);
  if (!lines.some((l) => /^BEGIN:VCALENDAR\s*$/i.test(l))) throw new IcsError('not an iCalendar file: no BEGIN:VCALENDAR');
  const out = new Map<string, string>();
  let event: { start?: string | null; end?: string | null; summary?: string; cancelled?: boolean } | null = null;
  for (const line of lines) {
    if (/^BEGIN:VEVENT\s*$/i.test(line)) event = {};
    else if (/^END:VEVENT\s*$/i.test(line) && event) {
      const first = event.start ? dayNumberOfIso(event.start) : null;
      if (first !== null && !event.cancelled) {
        const endDay = event.end ? dayNumberOfIso(event.end) : null;
        const last = endDay !== null && endDay > first ? Math.min(endDay - 1, first + MAX_DAYS_PER_EVENT - 1) : first; // DTEND is exclusive
        for (let d = first; d <= last; d++) if (!out.has(isoOfDayNumber(d))) out.set(isoOfDayNumber(d), event.summary || 'Day off');
        if (out.size > maxDays) throw new IcsError(`the file holds more than ${maxDays} days off`);
      }
      event = null;
    } else if (event) {
      const name = line.slice(0, line.search(/[;:]/)).toUpperCase();
      if (name === 'DTSTART') event.start = dateOf(line);
      else if (name === 'DTEND') event.end = dateOf(line);
      else if (name === 'SUMMARY') event.summary = unescapeText(line.slice(line.indexOf(':') + 1)).slice(0, 200);
      else if (name === 'STATUS') event.cancelled = /:CANCELLED\s*$/i.test(line);
    }
  }
  return [...out].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}
