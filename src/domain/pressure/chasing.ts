import type { DateTime } from 'luxon';
import type { ClientMessage } from '../follow-up/conversation.js';
import { isWorkingMs } from '../hours/index.js';
import { DAY_MS, localMsOf, zoneNamed } from '../hours/zone-clock.js';
import type { Settings } from '../settings.js';

const WEEK_MS = 7 * DAY_MS;

/** One client's chasing over the rolling week ending now, against the week before. */
export interface ChasingRow {
  client: string;
  thisWeek: number;
  lastWeek: number;
  /** This week's chasers that came outside the user's hours. */
  outside: number;
  /** The local day with the most chasers this week. */
  busiestDay: { date: string; count: number } | null;
  /** The user's limit: this many chasers in one day flags the client. */
  limit: number;
  overLimit: boolean;
}

/** Chasers per client, most pressing first: over the limit, then the most this week. */
export function chasingByClient(chasers: ClientMessage[], settings: Settings, now: DateTime): ChasingRow[] {
  const nowMs = now.toMillis();
  const zone = zoneNamed(settings.timeZone)!;
  const limit = settings.chasing.dailyLimit;
  const rows = new Map<string, ChasingRow & { days: Map<string, number> }>();
  for (const m of chasers) {
    const age = nowMs - m.atMs;
    if (!(age >= 0 && age < 2 * WEEK_MS)) continue;
    let row = rows.get(m.client.name);
    if (!row) rows.set(m.client.name, (row = { client: m.client.name, thisWeek: 0, lastWeek: 0, outside: 0, busiestDay: null, limit, overLimit: false, days: new Map() }));
    if (age >= WEEK_MS) {
      row.lastWeek += 1;
      continue;
    }
    row.thisWeek += 1;
    if (!isWorkingMs(settings, m.atMs)) row.outside += 1;
    const day = localDate(settings, m.atMs, zone);
    row.days.set(day, (row.days.get(day) ?? 0) + 1);
  }
  const out: ChasingRow[] = [];
  for (const { days, ...row } of rows.values()) {
    for (const [date, count] of days) if (!row.busiestDay || count > row.busiestDay.count) row.busiestDay = { date, count };
    row.overLimit = (row.busiestDay?.count ?? 0) >= limit;
    if (row.thisWeek > 0) out.push(row);
  }
  return out.sort((a, b) => Number(b.overLimit) - Number(a.overLimit) || b.thisWeek - a.thisWeek || a.client.localeCompare(b.client));
}

/** The user's local date of an instant, YYYY-MM-DD. */
export function localDate(settings: Settings, ms: number, zone = zoneNamed(settings.timeZone)!): string {
  return new Date(Math.floor(localMsOf(zone, ms) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}
