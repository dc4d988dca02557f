import type { DateTime } from 'luxon';
import type { ClientMessage } from '../follow-up/conversation.js';
import { ownSharesByClient } from '../pressure/own-share.js';
import { clientMatcher } from '../clients.js';
import { isWorkingMs } from '../hours/index.js';
import { isoMillis } from '../hours/iso-millis.js';
import { DAY_MS, localMsOf, minutesOfClock, weekdayOfDayNumber, zoneNamed } from '../hours/zone-clock.js';
import type { Settings } from '../settings.js';
import type { DigestArrivalRow, Heatmap, PressureRow } from './types.js';

const WEEK_MS = 7 * 86_400_000;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A couple of late messages is noise; "rising" needs at least this many outside hours this week. */
const RISING_MIN_OUTSIDE = 2;
/** Percentage points of outside-hours share gained since last week that count as rising. */
const RISING_STEP = 0.15;
/** Most of a week's mail outside hours is pressure in itself, rising or not. */
const HEAVY_SHARE = 0.5;
const MAX_ROWS = 8;

/**
 * Per client: how much of this week's mail came outside the user's hours, against the week
 * before (rolling seven-day windows ending at `now`), and who is rising.
 */
export function clientPressure(settings: Settings, arrivals: DigestArrivalRow[], now: DateTime): PressureRow[] {
  const nowMs = now.toMillis();
  const rows = new Map<string, PressureRow>();
  const clientOf = clientMatcher(settings);
  for (const a of arrivals) {
    const ms = isoMillis(a.at);
    const age = nowMs - ms;
    if (!(age >= 0 && age < 2 * WEEK_MS)) continue;
    const client = clientOf(a.sender);
    if (!client) continue;
    let row = rows.get(client.name);
    if (!row) {
      row = { client: client.name, thisWeek: { total: 0, outside: 0 }, lastWeek: { total: 0, outside: 0 }, shareNow: null, shareBefore: null, rising: false, heavy: false };
      rows.set(client.name, row);
    }
    const week = age < WEEK_MS ? row.thisWeek : row.lastWeek;
    week.total += 1;
    if (!isWorkingMs(settings, ms)) week.outside += 1;
  }
  for (const row of rows.values()) {
    row.shareNow = row.thisWeek.total > 0 ? row.thisWeek.outside / row.thisWeek.total : null;
    row.shareBefore = row.lastWeek.total > 0 ? row.lastWeek.outside / row.lastWeek.total : null;
    row.rising =
      row.shareNow !== null &&
      row.thisWeek.outside >= RISING_MIN_OUTSIDE &&
      (row.shareBefore === null ? row.shareNow >= 0.5 : row.shareNow - row.shareBefore >= RISING_STEP);
    row.heavy = row.shareNow !== null && row.thisWeek.outside >= RISING_MIN_OUTSIDE && row.shareNow >= HEAVY_SHARE;
  }
  return [...rows.values()]
    .filter((r) => r.thisWeek.total > 0 || r.lastWeek.outside > 0)
    .sort((a, b) => Number(b.rising) - Number(a.rising) || Number(b.heavy) - Number(a.heavy) || b.thisWeek.outside - a.thisWeek.outside || a.client.localeCompare(b.client))
    .slice(0, MAX_ROWS);
}

/** Each row with the user's own share to that client this week beside it: both sides of the boundary. */
export function withOwnShares(rows: PressureRow[], messages: ClientMessage[], settings: Settings, now: DateTime): PressureRow[] {
  const nowMs = now.toMillis();
  const shares = ownSharesByClient(messages, settings, nowMs - WEEK_MS, nowMs);
  return rows.map((row) => {
    const yours = shares.get(row.client);
    return yours ? { ...row, yours } : row;
  });
}

/** When client mail arrives: weekday × hour in the user's zone, over the last `weeks` weeks. */
export function arrivalHeatmap(settings: Settings, arrivals: DigestArrivalRow[], now: DateTime, weeks: number): Heatmap {
  const counts = DAYS.map(() => new Array<number>(24).fill(0));
  const zone = zoneNamed(settings.timeZone)!;
  const from = now.toMillis() - weeks * WEEK_MS;
  let total = 0;
  const clientOf = clientMatcher(settings);
  for (const a of arrivals) {
    const ms = isoMillis(a.at);
    if (!(ms > from && ms <= now.toMillis()) || !clientOf(a.sender)) continue;
    // Plain arithmetic on the local clock: a DateTime per arrival was the heatmap's whole cost.
    const local = localMsOf(zone, ms);
    const day = Math.floor(local / DAY_MS);
    counts[weekdayOfDayNumber(day)]![Math.floor((local - day * DAY_MS) / 3_600_000)]! += 1;
    total += 1;
  }
  return { counts, working: usualHours(settings), max: Math.max(0, ...counts.flat()), total, weeks };
}

/** The weekly schedule as hour cells: an hour is "working" when its middle falls in an interval. */
function usualHours(settings: Settings): boolean[][] {
  const grid = DAYS.map(() => new Array<boolean>(24).fill(false));
  DAYS.forEach((day, d) => {
    for (const interval of settings.week[day]) {
      const start = minutesOfClock(interval.start);
      let end = minutesOfClock(interval.end);
      if (start === null || end === null) continue;
      if (end <= start) end += 1440; // crosses midnight into the next day
      for (let h = 0; h < 48; h++) {
        const middle = h * 60 + 30;
        if (middle >= start && middle < end) grid[(d + Math.floor(h / 24)) % 7]![h % 24] = true;
      }
    }
  });
  return grid;
}
