import type { DateTime } from 'luxon';
import type { Settings } from '../settings.js';
import { cityOf, weekdayNames, wordsFor } from './week-words.js';
import { DAY_MS, MINUTE_MS, clockOfMinutes, instantOfWall, localDayOf, localMsOf, minutesOfClock, weekdayOfDayNumber, zoneNamed } from './zone-clock.js';

export interface DescribeWeekOptions {
  locale: string;
  /** The reader's zone: IANA name or a fixed offset such as 'UTC+05:30'. */
  otherZone?: string;
  /** Picks the reference week (the one starting on the first Monday on or after it) for offsets. */
  at?: DateTime;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const DEFAULT_MONDAY = Date.UTC(2024, 0, 1) / DAY_MS; // fixed so output never depends on the clock

/** Join equal neighbours, going round the week from a day that starts a run. */
function groupDays(labels: string[], names: string[]): Array<{ days: string; hours: string }> {
  let first = labels.findIndex((l, i) => l !== labels[(i + 6) % 7]);
  if (first < 0) first = 0;
  const parts: Array<{ days: string; hours: string }> = [];
  for (let k = 0; k < 7; ) {
    const i = (first + k) % 7;
    let n = 1;
    while (k + n < 7 && labels[(first + k + n) % 7] === labels[i]) n++;
    if (labels[i]) {
      const last = (i + n - 1) % 7;
      parts.push({ days: n === 1 ? names[i]! : n === 7 ? `${names[0]}–${names[6]}` : `${names[i]}–${names[last]}`, hours: labels[i]! });
    }
    k += n;
  }
  return parts;
}

/**
 * The regular week in words, e.g. "Mon–Fri 09:00–17:00 (Tirana time), which is 03:00–11:00 your
 * time". Describes the weekly schedule only; holidays, vacations and overrides are not included.
 */
export function describeWeek(settings: Settings, opts: DescribeWeekOptions): string {
  const names = weekdayNames(opts.locale);
  const words = wordsFor(opts.locale);
  const own = DAYS.map((d) =>
    [...settings.week[d]].sort((a, b) => (minutesOfClock(a.start) ?? 0) - (minutesOfClock(b.start) ?? 0)).map((i) => `${i.start}–${i.end}`).join(', '),
  );
  const ownParts = groupDays(own, names);
  if (ownParts.length === 0) return words.none;
  const joined = (parts: typeof ownParts) => parts.map((p) => `${p.days} ${p.hours}`).join('; ');
  let text = `${joined(ownParts)} ${words.ownZone(cityOf(settings.timeZone, opts.locale))}`;
  const zone = zoneNamed(settings.timeZone);
  const other = opts.otherZone ? zoneNamed(opts.otherZone) : null;
  if (opts.otherZone && !other) throw new RangeError(`describeWeek: unknown zone '${opts.otherZone}'`);
  if (!zone || !other) return text;

  let monday = DEFAULT_MONDAY;
  if (opts.at) {
    const today = localDayOf(zone, opts.at.toMillis());
    monday = today + ((7 - weekdayOfDayNumber(today)) % 7);
  }
  const converted: string[][] = [[], [], [], [], [], [], []];
  DAYS.forEach((d, i) => {
    const base = (monday + i) * DAY_MS;
    const sorted = [...settings.week[d]].sort((a, b) => (minutesOfClock(a.start) ?? 0) - (minutesOfClock(b.start) ?? 0));
    for (const interval of sorted) {
      const s = minutesOfClock(interval.start);
      const e0 = minutesOfClock(interval.end);
      if (s === null || e0 === null) continue;
      const e = e0 <= s ? e0 + 1440 : e0;
      const start = localMsOf(other, instantOfWall(zone, base + s * MINUTE_MS));
      const end = localMsOf(other, instantOfWall(zone, base + e * MINUTE_MS));
      const startDay = Math.floor(start / DAY_MS);
      const endMinutes = Math.round((end - startDay * DAY_MS) / MINUTE_MS);
      const endClock = endMinutes === 1440 ? '24:00' : clockOfMinutes(endMinutes % 1440);
      converted[weekdayOfDayNumber(startDay)]!.push(`${clockOfMinutes(Math.round((start % DAY_MS) / MINUTE_MS))}–${endClock}`);
    }
  });
  const otherParts = groupDays(converted.map((c) => c.sort().join(', ')), names);
  // Repeat the days only when they differ, e.g. when the hours move across midnight.
  const sameDays = ownParts.length === 1 && otherParts.length === 1 && ownParts[0]!.days === otherParts[0]!.days;
  text += words.otherZone(sameDays ? otherParts[0]!.hours : joined(otherParts));
  return text;
}
