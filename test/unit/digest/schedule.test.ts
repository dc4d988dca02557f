import { defaultRepeatStrategy } from 'bullmq';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../../src/domain/settings-validate.js';
import { digestDateOf, digestPattern, digestWanted, lastDigestDue } from '../../../src/pipeline/digest-schedule.js';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const settingsIn = (timeZone: string, digest: object = {}) =>
  parseSettings({ timeZone, week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive }, holidays: { enabled: false }, digest });

/** The instants BullMQ's scheduler will use for our pattern and zone, from `from` for `days` runs. */
function runs(timeZone: string, time: string, from: string, days: number): DateTime[] {
  const settings = settingsIn(timeZone, { time });
  const out: DateTime[] = [];
  let ms = Date.parse(from);
  for (let i = 0; i < days; i++) {
    ms = defaultRepeatStrategy(ms, { pattern: digestPattern(settings), tz: timeZone })!;
    out.push(DateTime.fromMillis(ms, { zone: timeZone }));
  }
  return out;
}

describe('digest schedule across DST', () => {
  // New York: spring forward 14 Mar 2027, fall back 1 Nov 2026. Tirana: 28 Mar 2027 and 25 Oct 2026.
  const cases = [
    ['America/New_York', '2027-03-10T00:00:00Z'],
    ['America/New_York', '2026-10-28T00:00:00Z'],
    ['Europe/Tirane', '2027-03-24T00:00:00Z'],
    ['Europe/Tirane', '2026-10-21T00:00:00Z'],
  ] as const;

  it.each(cases)('%s from %s: one run per local day, always at 08:00 local', (zone, from) => {
    const instants = runs(zone, '08:00', from, 10);
    expect(instants.map((d) => d.toFormat('HH:mm'))).toEqual(new Array(10).fill('08:00'));
    const dates = instants.map((d) => d.toISODate());
    expect(new Set(dates).size).toBe(10);
    // Consecutive days, no gap: the change day itself gets its digest.
    for (let i = 1; i < dates.length; i++) expect(DateTime.fromISO(dates[i]!).diff(DateTime.fromISO(dates[i - 1]!), 'days').days).toBe(1);
    // The UTC offset really changed inside the window, so the test spans a DST change.
    expect(new Set(instants.map((d) => d.offset)).size).toBe(2);
    // The processor derives the same date from the scheduled instant.
    const settings = settingsIn(zone);
    expect(instants.map((d) => digestDateOf(settings, d.toJSDate()))).toEqual(dates);
  });

  it('lastDigestDue is today once the time has passed, else yesterday, in the user zone', () => {
    const s = settingsIn('America/New_York');
    // 14 Mar 2027 is the spring-forward day: 08:00 EDT = 12:00Z.
    expect(lastDigestDue(s, new Date('2027-03-14T11:59:00Z'))).toEqual({ date: '2027-03-13', at: new Date('2027-03-13T13:00:00Z') });
    expect(lastDigestDue(s, new Date('2027-03-14T12:00:00Z'))).toEqual({ date: '2027-03-14', at: new Date('2027-03-14T12:00:00Z') });
    const t = settingsIn('Europe/Tirane', { time: '07:30' });
    // 25 Oct 2026 is the fall-back day in Tirana: 07:30 CET = 06:30Z; the day before it was CEST.
    expect(lastDigestDue(t, new Date('2026-10-25T06:29:00Z'))).toEqual({ date: '2026-10-24', at: new Date('2026-10-24T05:30:00Z') });
    expect(lastDigestDue(t, new Date('2026-10-25T06:30:00Z'))).toEqual({ date: '2026-10-25', at: new Date('2026-10-25T06:30:00Z') });
  });

  it('skips non-working days only when asked, and nothing when the digest is off', () => {
    expect(digestWanted(settingsIn('Europe/Tirane'), '2026-11-28')).toBe(true);
    expect(digestWanted(settingsIn('Europe/Tirane', { skipNonWorkingDays: true }), '2026-11-28')).toBe(false);
    expect(digestWanted(settingsIn('Europe/Tirane', { skipNonWorkingDays: true }), '2026-11-27')).toBe(true);
    expect(digestWanted(settingsIn('Europe/Tirane', { enabled: false }), '2026-11-27')).toBe(false);
  });
});
