import type { Zone } from 'luxon';
import type { Interval, Settings, Vacation } from '../settings.js';
import { countryOfZone, holidayTable } from './public-holidays.js';
import { DAY_MS, MINUTE_MS, dayNumberOfIso, instantOfWall, minutesOfClock, weekdayOfDayNumber, zoneNamed } from './zone-clock.js';

/**
 * The per-settings calendar: which local days work, and their concrete intervals as epoch-ms.
 *
 * Precedence for a local date: a date override with hours is worked (the most specific,
 * explicit instruction wins, even on a holiday or inside a vacation); otherwise a vacation day;
 * otherwise an override without hours is a day off (kind 'holiday' when it is also a public
 * holiday, else 'day-off'); otherwise a public holiday; otherwise the weekly schedule, where a
 * day without intervals is a 'weekend'. An interval belongs to the day it starts on, so
 * Friday 22:00–06:00 still runs into a Saturday that is a holiday.
 */
export type DayKind = 'working' | 'weekend' | 'holiday' | 'vacation' | 'day-off';
export type InstantCategory = 'within-hours' | 'after-hours' | 'weekend' | 'holiday' | 'vacation';
export interface InstantClass { working: boolean; category: InstantCategory; holidayName?: string; vacation?: Vacation }

/** [start, end) in epoch milliseconds. */
export type Span = readonly [number, number];

export interface DayPlan {
  day: number;
  kind: DayKind;
  spans: Span[];
  holidayName?: string;
  vacation?: Vacation;
}

export interface Calendar {
  zone: Zone;
  plan(day: number): DayPlan;
  /** Merged working spans that intersect the UTC day [day·24h, (day+1)·24h). */
  spansOnUtcDay(utcDay: number): Span[];
  /** The local day number of an instant, without asking Intl on days with no offset change. */
  localDay(ms: number): number;
}

type Minutes = ReadonlyArray<readonly [number, number]>;

const CACHE_LIMIT = 20_000; // days; bounds memory for long-running processes
const calendars = new WeakMap<Settings, Calendar>();

function toMinutes(intervals: Interval[]): Minutes {
  const out: Array<[number, number]> = [];
  for (const i of intervals) {
    const start = minutesOfClock(i.start);
    let end = minutesOfClock(i.end);
    if (start === null || end === null || start === end) continue; // rejected by parseSettings
    if (end < start) end += 1440; // crosses midnight
    out.push([start, end]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

export function calendarOf(settings: Settings): Calendar {
  let calendar = calendars.get(settings);
  if (!calendar) {
    calendar = buildCalendar(settings);
    calendars.set(settings, calendar);
  }
  return calendar;
}

function buildCalendar(settings: Settings): Calendar {
  const zone = zoneNamed(settings.timeZone);
  if (!zone) throw new Error(`timeZone: unknown time zone '${settings.timeZone}'`);
  const w = settings.week;
  const weekly = [w.mon, w.tue, w.wed, w.thu, w.fri, w.sat, w.sun].map(toMinutes);
  const overrides = new Map<number, Minutes>();
  for (const o of settings.overrides) {
    const day = dayNumberOfIso(o.date);
    if (day !== null) overrides.set(day, toMinutes(o.intervals));
  }
  const vacations = settings.vacations
    .map((v) => ({ v, from: dayNumberOfIso(v.start), to: dayNumberOfIso(v.end) }))
    .filter((x): x is { v: Vacation; from: number; to: number } => x.from !== null && x.to !== null);
  const h = settings.holidays;
  const country = h.enabled ? (h.country ?? countryOfZone(settings.timeZone)) : undefined;
  const ownDays = new Map<number, string>();
  for (const d of h.days ?? []) {
    const day = dayNumberOfIso(d.date);
    if (day !== null && !ownDays.has(day)) ownDays.set(day, d.name);
  }
  const holidayName = (day: number): string | undefined => {
    const own = ownDays.get(day);
    if (own !== undefined || !country) return own;
    const year = new Date(day * DAY_MS).getUTCFullYear();
    return holidayTable(country.toUpperCase(), h.region?.toUpperCase(), year, settings.language, h.types ?? ['public']).get(day);
  };

  const plans = new Map<number, DayPlan>();
  const utcDays = new Map<number, Span[]>();

  function plan(day: number): DayPlan {
    const cached = plans.get(day);
    if (cached) return cached;
    const override = overrides.get(day);
    const vacation = vacations.find((x) => x.from <= day && day <= x.to)?.v;
    const holiday = holidayName(day);
    let kind: DayKind;
    let minutes: Minutes = [];
    if (override && override.length > 0) [kind, minutes] = ['working', override];
    else if (vacation) kind = 'vacation';
    else if (override) kind = holiday ? 'holiday' : 'day-off';
    else if (holiday) kind = 'holiday';
    else {
      minutes = weekly[weekdayOfDayNumber(day)] ?? [];
      kind = minutes.length > 0 ? 'working' : 'weekend';
    }
    const base = day * DAY_MS;
    const spans: Span[] = [];
    for (const [s, e] of minutes) {
      const start = instantOfWall(zone!, base + s * MINUTE_MS);
      const end = instantOfWall(zone!, base + e * MINUTE_MS);
      if (end > start) spans.push([start, end]); // an interval inside a DST gap has no length
    }
    const result: DayPlan = { day, kind, spans };
    if (holiday) result.holidayName = holiday;
    if (vacation) result.vacation = vacation;
    if (plans.size > CACHE_LIMIT) plans.clear();
    plans.set(day, result);
    return result;
  }

  function spansOnUtcDay(utcDay: number): Span[] {
    const cached = utcDays.get(utcDay);
    if (cached) return cached;
    const lo = utcDay * DAY_MS;
    const hi = lo + DAY_MS;
    // Local days start within ±14h of UTC midnight and intervals last under 49h of wall time.
    const raw: Span[] = [];
    for (let d = utcDay - 3; d <= utcDay + 1; d++) {
      for (const span of plan(d).spans) if (span[0] < hi && span[1] > lo) raw.push(span);
    }
    const merged = mergeSpans(raw);
    if (utcDays.size > CACHE_LIMIT) utcDays.clear();
    utcDays.set(utcDay, merged);
    return merged;
  }

  const steadyOffsets = new Map<number, number | null>();
  function localDay(ms: number): number {
    const utcDay = Math.floor(ms / DAY_MS);
    let offset = steadyOffsets.get(utcDay);
    if (offset === undefined) {
      const [a, b] = [zone!.offset(utcDay * DAY_MS), zone!.offset((utcDay + 1) * DAY_MS - 1)];
      offset = a === b ? a : null; // null: the offset changes that day, so ask per instant
      if (steadyOffsets.size > CACHE_LIMIT) steadyOffsets.clear();
      steadyOffsets.set(utcDay, offset);
    }
    return Math.floor((ms + (offset ?? zone!.offset(ms)) * MINUTE_MS) / DAY_MS);
  }

  return { zone, plan, spansOnUtcDay, localDay };
}

export function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}
