import { DateTime } from 'luxon';
import { spansBetween, workingTimeBetween } from '../hours/index.js';
import { minutesOfClock } from '../hours/zone-clock.js';
import { isoMillis } from '../hours/iso-millis.js';
import type { Settings } from '../settings.js';

const HOUR_MS = 3_600_000;

/**
 * How long the user's typical working day is, in hours: the weekly schedule's working time
 * divided by the number of weekdays that have any. "3 working days" then means three such days
 * of working time, so a half-day Friday or a holiday simply stretches the calendar span.
 * Falls back to 8 hours when the week has no working time at all.
 */
export function typicalDayHours(settings: Settings): number {
  let hours = dayHours.get(settings);
  if (hours === undefined) dayHours.set(settings, (hours = weekDayHours(settings)));
  return hours;
}

// Asked for every open thread of a report; settings objects are not changed once parsed.
const dayHours = new WeakMap<Settings, number>();

function weekDayHours(settings: Settings): number {
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

/**
 * The working intervals of a span, with running totals, so that "working time between a and b"
 * is two binary searches. A report asks this for every thread of every client: expanding the
 * calendar once per settings object instead of once per question is what keeps it fast.
 */
interface Ledger {
  startMs: number;
  endMs: number;
  starts: number[];
  ends: number[];
  /** Working ms before interval i. */
  before: number[];
}

const ledgers = new WeakMap<Settings, Ledger>();
const DAY_MS = 24 * HOUR_MS;
const MAX_LEDGER_DAYS = 800;

function ledgerFor(settings: Settings, lo: number, hi: number): Ledger | null {
  const known = ledgers.get(settings);
  if (known && lo >= known.startMs && hi <= known.endMs) return known;
  const startMs = Math.min(lo, known?.startMs ?? lo) - DAY_MS;
  const endMs = Math.max(hi, known?.endMs ?? hi) + DAY_MS;
  if (endMs - startMs > MAX_LEDGER_DAYS * DAY_MS) return null;
  const ledger: Ledger = { startMs, endMs, starts: [], ends: [], before: [] };
  let total = 0;
  // Plain epoch-ms spans: a DateTime per interval end cost more than the rest of the ledger.
  for (const [start, end] of spansBetween(settings, startMs, endMs)) {
    ledger.starts.push(start);
    ledger.ends.push(end);
    ledger.before.push(total);
    total += end - start;
  }
  ledgers.set(settings, ledger);
  return ledger;
}

/** Working ms from the ledger's start to `t`. */
function workedUntil(l: Ledger, t: number): number {
  let lo = 0;
  let hi = l.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l.starts[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  const i = lo - 1;
  return i < 0 ? 0 : l.before[i]! + Math.min(t, l.ends[i]!) - l.starts[i]!;
}

/** Working hours between two instants on the user's schedule (holidays and vacations excluded). */
export function workingHoursBetween(settings: Settings, from: Instant, to: Instant): number {
  const [am, bm] = [millisOf(from), millisOf(to)];
  const ledger = ledgerFor(settings, Math.min(am, bm), Math.max(am, bm));
  if (!ledger) return workingTimeBetween(settings, DateTime.fromMillis(am, { zone: 'utc' }), DateTime.fromMillis(bm, { zone: 'utc' })).toMillis() / HOUR_MS;
  return (workedUntil(ledger, bm) - workedUntil(ledger, am)) / HOUR_MS;
}

/** An ISO 8601 string, a Date, a DateTime, or epoch milliseconds. */
export type Instant = string | number | Date | DateTime;

// Stored instants are ISO strings, read far faster as numbers than as a DateTime.
const millisOf = (v: Instant): number => (typeof v === 'number' ? v : typeof v === 'string' ? isoMillis(v) : v instanceof Date ? v.getTime() : v.toMillis());

export function workingDaysBetween(settings: Settings, from: Instant, to: Instant): number {
  return workingHoursBetween(settings, from, to) / typicalDayHours(settings);
}

/** Rounds for display and reports: working hours to one decimal. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;
