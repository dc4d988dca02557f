import { FixedOffsetZone, IANAZone, type Zone } from 'luxon';

/**
 * Wall-clock arithmetic on "local milliseconds": the epoch-ms a local date-time would have if the
 * zone were UTC. Local day numbers are whole days since 1970-01-01 on the same scale.
 */
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

const zones = new Map<string, Zone>();

/**
 * An IANA zone or a fixed offset such as 'UTC+05:30'; null when neither. IANA zones come with
 * their offsets memoized (below), also for luxon's own arithmetic on DateTimes in them: luxon asks
 * Intl for an offset on every conversion, which was a twelfth of a worker's time.
 */
export function zoneNamed(name: string): Zone | null {
  const cached = zones.get(name);
  if (cached) return cached;
  let zone: Zone | null = null;
  if (IANAZone.isValidZone(name)) zone = new QuarterHourZone(name);
  else {
    const fixed = /^(?:UTC|GMT)\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(name.trim());
    if (fixed) {
      const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? 0);
      if (minutes <= 14 * 60) zone = FixedOffsetZone.instance(fixed[1] === '-' ? -minutes : minutes);
    } else if (/^(UTC|GMT|Z)$/i.test(name.trim())) zone = FixedOffsetZone.utcInstance;
  }
  if (zone) zones.set(name, zone);
  return zone;
}

/**
 * Offsets memoized per zone in 15-minute buckets: every real transition falls on a quarter hour
 * of UTC, and asking Intl for an offset (what luxon does) is the costliest step of most queries.
 */
const QUARTER_MS = 15 * MINUTE_MS;
const BUCKETS_KEPT = 200_000;

class QuarterHourZone extends IANAZone {
  private readonly buckets = new Map<number, number>();

  override offset(ms: number): number {
    const bucket = Math.floor(ms / QUARTER_MS);
    let offset = this.buckets.get(bucket);
    if (offset === undefined) {
      if (this.buckets.size >= BUCKETS_KEPT) this.buckets.clear();
      this.buckets.set(bucket, (offset = super.offset(bucket * QUARTER_MS)));
    }
    return offset;
  }
}

const offsets = new Map<string, Map<number, number>>();

export function offsetMinutes(zone: Zone, ms: number): number {
  if (zone.isUniversal || zone instanceof QuarterHourZone) return zone.offset(ms);
  let byBucket = offsets.get(zone.name);
  if (!byBucket || byBucket.size > BUCKETS_KEPT) offsets.set(zone.name, (byBucket = new Map()));
  const bucket = Math.floor(ms / QUARTER_MS);
  let offset = byBucket.get(bucket);
  if (offset === undefined) byBucket.set(bucket, (offset = zone.offset(bucket * QUARTER_MS)));
  return offset;
}

export function localMsOf(zone: Zone, ms: number): number {
  return ms + offsetMinutes(zone, ms) * MINUTE_MS;
}

export function localDayOf(zone: Zone, ms: number): number {
  return Math.floor(localMsOf(zone, ms) / DAY_MS);
}

/**
 * The first instant at which the wall clock reads `localMs` or later. A repeated local time
 * (fall back) resolves to its first occurrence; a skipped one (spring forward) to the end of the
 * gap, because that is when a clock that skipped it first shows a later time.
 */
export function instantOfWall(zone: Zone, localMs: number): number {
  if (zone.isUniversal) return localMs - zone.offset(localMs) * MINUTE_MS;
  // Offsets in force within a day either side cover every transition that could apply. They
  // come from the quarter-hour memo: a calendar asks this for every interval end of every day.
  const candidates = new Set([offsetMinutes(zone, localMs - DAY_MS), offsetMinutes(zone, localMs), offsetMinutes(zone, localMs + DAY_MS)]);
  let best = Infinity;
  for (const offset of candidates) {
    const ms = localMs - offset * MINUTE_MS;
    if (offsetMinutes(zone, ms) === offset && ms < best) best = ms;
  }
  if (best !== Infinity) return best;
  // Skipped time: binary-search the transition, i.e. the first instant whose wall clock is later.
  let lo = localMs - Math.max(...candidates) * MINUTE_MS; // still before the gap's end
  let hi = localMs - Math.min(...candidates) * MINUTE_MS; // after it
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (localMsOf(zone, mid) >= localMs) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi / 1000) * 1000;
}

export function dayNumberOfIso(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function isoOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** 'HH:mm' to minutes after midnight (24:00 → 1440); null when not a real clock time. */
export function minutesOfClock(clock: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

export function clockOfMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  return `${String(h).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
