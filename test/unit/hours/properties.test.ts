import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isWorkingTime, nextWorkingStart, workingIntervals, workingTimeBetween } from '../../../src/domain/hours/index.js';
import { SettingsError } from '../../../src/domain/settings-validate.js';
import type { Settings } from '../../../src/domain/settings.js';
import { settingsFor } from './fixture.js';

const ZONES = ['Europe/Tirane', 'Asia/Manila', 'Asia/Almaty', 'Europe/Moscow', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Sao_Paulo'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const HOUR = 3_600_000;
const clock = (q: number) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;

// Quarter-hour intervals, some crossing midnight; combinations that overlap are rejected by the
// parser and replaced by a plain 09–17 day so every run still gets a schedule.
const interval = fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 96 })).filter(([s, e]) => s !== e % 96).map(([s, e]) => ({ start: clock(s), end: clock(e) }));
const week = fc.tuple(...DAYS.map(() => fc.array(interval, { maxLength: 2 })));

function build(zone: string, days: Array<Array<{ start: string; end: string }>>, holidays: boolean): Settings {
  const w = Object.fromEntries(DAYS.map((d, i) => [d, days[i] ?? []]));
  const extra = holidays ? { holidays: { enabled: true } } : {};
  try {
    return settingsFor(zone, w, extra);
  } catch (err) {
    if (!(err instanceof SettingsError)) throw err;
    return settingsFor(zone, { mon: [{ start: '09:00', end: '17:00' }] }, extra);
  }
}

const settingsArb = fc.tuple(fc.constantFrom(...ZONES), week, fc.boolean()).map(([z, w, h]) => build(z, w, h));
// 2018–2030 covers Brazil's last DST, Kazakhstan's 2024 offset change and many DST switches.
const instant = fc.integer({ min: Date.UTC(2018, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => DateTime.fromMillis(ms, { zone: 'utc' }));

describe('working-time properties', () => {
  it('nextWorkingStart is working time with no working instant before it', () => {
    fc.assert(
      fc.property(settingsArb, instant, (s, t) => {
        const next = nextWorkingStart(s, t);
        if (next === null) return;
        expect(next.toMillis()).toBeGreaterThanOrEqual(t.toMillis());
        expect(isWorkingTime(s, next)).toBe(true);
        expect(workingIntervals(s, t, next)).toEqual([]);
        if (next.toMillis() > t.toMillis()) expect(isWorkingTime(s, next.minus(1))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('isWorkingTime agrees with the expanded intervals', () => {
    fc.assert(
      fc.property(settingsArb, instant, (s, t) => {
        const [from, to] = [t.minus(2 * 24 * HOUR), t.plus(2 * 24 * HOUR)];
        const around = workingIntervals(s, from, to);
        const inside = around.some((i) => i.start <= t && t < i.end);
        expect(isWorkingTime(s, t)).toBe(inside);
        for (const i of around) {
          expect(isWorkingTime(s, i.start)).toBe(true);
          if (i.end < to) expect(isWorkingTime(s, i.end)).toBe(false); // merged intervals never touch
          if (i.start > from) expect(isWorkingTime(s, i.start.minus(1))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('workingTimeBetween is additive', () => {
    fc.assert(
      fc.property(settingsArb, instant, fc.integer({ min: -40 * 24, max: 40 * 24 }), fc.integer({ min: -40 * 24, max: 40 * 24 }), (s, a, h1, h2) => {
        const b = a.plus(h1 * HOUR + 17_000);
        const c = b.plus(h2 * HOUR);
        const ab = workingTimeBetween(s, a, b).toMillis();
        const bc = workingTimeBetween(s, b, c).toMillis();
        expect(ab + bc).toBe(workingTimeBetween(s, a, c).toMillis());
      }),
      { numRuns: 300 },
    );
  });

  // In zones without DST in these years the answer can be read off the wall clock directly.
  it('matches a wall-clock reading in zones without DST', () => {
    const fixed = fc.tuple(fc.constantFrom('Asia/Kathmandu', 'Asia/Manila'), week).map(([z, w]) => build(z, w, false));
    fc.assert(
      fc.property(fixed, instant, (s, t) => {
        const local = t.setZone(s.timeZone);
        const minute = local.hour * 60 + local.minute;
        const today = s.week[DAYS[local.weekday - 1]!];
        const yesterday = s.week[DAYS[(local.weekday + 5) % 7]!];
        const toMin = (c: string) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3));
        const span = (i: { start: string; end: string }) => [toMin(i.start), toMin(i.end) <= toMin(i.start) ? toMin(i.end) + 1440 : toMin(i.end)] as const;
        const expected = today.some((i) => span(i)[0] <= minute && minute < span(i)[1]) || yesterday.some((i) => span(i)[1] > 1440 && minute + 1440 < span(i)[1]);
        expect(isWorkingTime(s, t)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
