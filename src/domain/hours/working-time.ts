import { DateTime, Duration } from 'luxon';
import type { Settings } from '../settings.js';
import { calendarOf, type InstantClass, type Span } from './calendar.js';
import { DAY_MS } from './zone-clock.js';

/** How far the search for working time goes before giving up (about two years). */
const HORIZON_DAYS = 800;

function at(settings: Settings, ms: number): DateTime {
  return DateTime.fromMillis(ms, { zone: calendarOf(settings).zone });
}

/** Working spans intersecting [from, to), clipped to it, as epoch ms. */
export function spansBetween(settings: Settings, from: number, to: number): Span[] {
  const calendar = calendarOf(settings);
  const out: Span[] = [];
  for (let d = Math.floor(from / DAY_MS); d * DAY_MS < to; d++) {
    for (const [s, e] of calendar.spansOnUtcDay(d)) {
      const start = Math.max(s, from);
      const end = Math.min(e, to);
      if (end <= start) continue;
      const last = out[out.length - 1];
      // A span crossing UTC midnight appears on both days: join the pieces.
      if (last && last[1] >= start) out[out.length - 1] = [last[0], Math.max(last[1], end)];
      else out.push([start, end]);
    }
  }
  return out;
}

export function isWorkingTime(settings: Settings, instant: DateTime): boolean {
  return isWorkingMs(settings, instant.toMillis());
}

/** The same for an epoch-ms instant, for callers that count thousands of them. */
export function isWorkingMs(settings: Settings, ms: number): boolean {
  for (const [s, e] of calendarOf(settings).spansOnUtcDay(Math.floor(ms / DAY_MS))) {
    if (ms >= s && ms < e) return true;
  }
  return false;
}

/** The earliest working instant at or after `instant` (itself when it is working time). */
export function nextWorkingStart(settings: Settings, instant: DateTime): DateTime | null {
  const ms = instant.toMillis();
  const calendar = calendarOf(settings);
  const first = Math.floor(ms / DAY_MS);
  for (let d = first; d <= first + HORIZON_DAYS; d++) {
    for (const [s, e] of calendar.spansOnUtcDay(d)) {
      if (e > ms) return at(settings, Math.max(s, ms));
    }
  }
  return null;
}

/** Working time elapsed from `from` to `to`; negative when `to` is earlier, so sums add up. */
export function workingTimeBetween(settings: Settings, from: DateTime, to: DateTime): Duration {
  const a = from.toMillis();
  const b = to.toMillis();
  if (b < a) return Duration.fromMillis(0 - workingTimeBetween(settings, to, from).toMillis()); // 0 - x: never -0
  let total = 0;
  for (const [s, e] of spansBetween(settings, a, b)) total += e - s;
  return Duration.fromMillis(total);
}

/**
 * The instant at which `amount` of working time has elapsed after `from` ("due after 16 working
 * hours"). Ends exactly at the end of a working interval rather than at the next start.
 */
export function addWorkingTime(settings: Settings, from: DateTime, amount: Duration): DateTime {
  let left = amount.toMillis();
  if (!(left >= 0)) throw new RangeError(`addWorkingTime: amount must be zero or positive, got ${amount.toISO()}`);
  const ms = from.toMillis();
  if (left === 0) return at(settings, ms);
  const calendar = calendarOf(settings);
  const first = Math.floor(ms / DAY_MS);
  for (let d = first; d <= first + HORIZON_DAYS; d++) {
    for (const [s, e] of calendar.spansOnUtcDay(d)) {
      // Clip to this UTC day so a span listed on two days is not counted twice.
      const start = Math.max(s, ms, d * DAY_MS);
      const end = Math.min(e, (d + 1) * DAY_MS);
      if (end <= start) continue;
      if (end - start >= left) return at(settings, start + left);
      left -= end - start;
    }
  }
  throw new RangeError('addWorkingTime: the settings have no working time within two years');
}

export function workingIntervals(settings: Settings, from: DateTime, to: DateTime): Array<{ start: DateTime; end: DateTime }> {
  return spansBetween(settings, from.toMillis(), to.toMillis()).map(([s, e]) => ({ start: at(settings, s), end: at(settings, e) }));
}

/** Why an instant is or is not working time: vacation > holiday > day off/weekend > after hours. */
export function classifyInstant(settings: Settings, instant: DateTime): InstantClass {
  const calendar = calendarOf(settings);
  const ms = instant.toMillis();
  const plan = calendar.plan(calendar.localDay(ms));
  const extra: Pick<InstantClass, 'holidayName' | 'vacation'> = {};
  if (plan.holidayName) extra.holidayName = plan.holidayName;
  if (plan.vacation) extra.vacation = plan.vacation;
  if (isWorkingTime(settings, instant)) return { working: true, category: 'within-hours', ...extra };
  switch (plan.kind) {
    case 'vacation': return { working: false, category: 'vacation', ...extra };
    case 'holiday': return { working: false, category: 'holiday', ...extra };
    case 'weekend':
    case 'day-off': return { working: false, category: 'weekend', ...extra };
    case 'working': return { working: false, category: 'after-hours', ...extra };
  }
}
