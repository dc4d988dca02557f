import { DateTime, Duration } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addWorkingTime, classifyInstant, isWorkingTime, nextWorkingStart, workingIntervals, workingTimeBetween } from '../../../src/domain/hours/index.js';
import { nineToFive, settingsFor, span, weekdays } from './fixture.js';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const minutesBetween = (s: Parameters<typeof workingTimeBetween>[0], a: string, b: string) => workingTimeBetween(s, utc(a), utc(b)).as('minutes');

// Each row: an instant (UTC) and the answer worked out by hand from the zone's offset that day.
type Row = [instant: string, working: boolean, category: string, note: string];
function table(name: string, settings: Parameters<typeof isWorkingTime>[0], rows: Row[]) {
  describe(name, () => {
    it.each(rows)('%s → working=%s (%s): %s', (instant, working, category) => {
      expect(isWorkingTime(settings, utc(instant))).toBe(working);
      expect(classifyInstant(settings, utc(instant)).category).toBe(category);
    });
  });
}

table('Europe/Tirane 09–17 with Albanian holidays', settingsFor('Europe/Tirane', nineToFive, { holidays: { country: 'AL' }, vacations: [{ start: '2026-03-14', end: '2026-03-14' }] }), [
  ['2026-03-17T07:59:59Z', false, 'after-hours', '08:59:59 CET'],
  ['2026-03-17T08:00:00Z', true, 'within-hours', '09:00 CET'],
  ['2026-03-17T16:00:00Z', false, 'after-hours', '17:00 CET: the end is exclusive'],
  ['2026-03-16T09:00:00Z', false, 'holiday', 'Summer Day substitute (Monday)'],
  ['2026-03-21T10:00:00Z', false, 'weekend', 'Saturday'],
  ['2026-03-14T10:00:00Z', false, 'vacation', 'Summer Day on a Saturday, inside a vacation: vacation wins'],
  ['2026-03-30T06:59:59Z', false, 'after-hours', '08:59:59 CEST, the day after spring forward'],
  ['2026-03-30T07:00:00Z', true, 'within-hours', '09:00 CEST'],
]);

// Sunday 02:30–04:00 does not exist until 03:00 EDT on 2026-03-08; work starts when the clock shows 03:00.
table('America/New_York interval inside the spring-forward gap', settingsFor('America/New_York', { sun: span('02:30', '04:00') }), [
  ['2026-03-08T06:59:00Z', false, 'after-hours', '01:59 EST'],
  ['2026-03-08T07:00:00Z', true, 'within-hours', '03:00 EDT, first wall time after 02:30'],
  ['2026-03-08T07:59:59Z', true, 'within-hours', '03:59:59 EDT'],
  ['2026-03-08T08:00:00Z', false, 'after-hours', '04:00 EDT'],
  ['2026-03-15T06:30:00Z', true, 'within-hours', '02:30 EDT a week later'],
  ['2026-03-14T12:00:00Z', false, 'weekend', 'Saturday'],
]);

// On 2026-11-01 01:00–02:00 happens twice; a repeated time means its first occurrence (EDT).
table('America/New_York interval ending in the repeated hour', settingsFor('America/New_York', { sun: span('00:30', '01:30') }), [
  ['2026-11-01T04:30:00Z', true, 'within-hours', '00:30 EDT'],
  ['2026-11-01T05:29:59Z', true, 'within-hours', '01:29:59 EDT'],
  ['2026-11-01T05:45:00Z', false, 'after-hours', '01:45 EDT'],
  ['2026-11-01T06:15:00Z', false, 'after-hours', '01:15 EST, the second pass'],
]);

// Lord Howe moves 30 minutes: 02:00 → 02:30 on 2026-10-04 and 02:00 → 01:30 on 2026-04-05.
table('Australia/Lord_Howe half-hour DST', settingsFor('Australia/Lord_Howe', { sun: span('02:00', '03:00'), sat: span('09:00', '17:00') }), [
  ['2026-10-03T15:29:00Z', false, 'after-hours', '01:59 +10:30'],
  ['2026-10-03T15:30:00Z', true, 'within-hours', '02:30 +11, the end of the gap'],
  ['2026-10-03T15:59:59Z', true, 'within-hours', '02:59:59 +11'],
  ['2026-10-03T16:00:00Z', false, 'after-hours', '03:00 +11'],
  ['2026-10-02T22:30:00Z', true, 'within-hours', 'Saturday 09:00 +10:30'],
  ['2026-10-02T22:29:00Z', false, 'after-hours', 'Saturday 08:59 +10:30'],
]);

table('Asia/Kathmandu +05:45', settingsFor('Asia/Kathmandu', nineToFive), [
  ['2026-03-17T03:14:59Z', false, 'after-hours', '08:59:59'],
  ['2026-03-17T03:15:00Z', true, 'within-hours', '09:00'],
  ['2026-03-17T11:14:59Z', true, 'within-hours', '16:59:59'],
  ['2026-03-17T11:15:00Z', false, 'after-hours', '17:00'],
]);

// A Manila night shift, Mon–Fri 22:00–06:00. Friday 2026-03-20 is Eid al-Fitr: Thursday's shift
// still runs into it, Friday's shift does not happen.
table('Asia/Manila overnight shift and a holiday', settingsFor('Asia/Manila', weekdays(span('22:00', '06:00')), { holidays: { country: 'PH' } }), [
  ['2026-03-18T14:00:00Z', true, 'within-hours', 'Wed 22:00'],
  ['2026-03-19T21:59:59Z', true, 'within-hours', 'Fri 05:59:59, Thursday\'s shift on a holiday'],
  ['2026-03-19T22:00:00Z', false, 'holiday', 'Fri 06:00'],
  ['2026-03-20T14:30:00Z', false, 'holiday', 'Fri 22:30, no shift on the holiday'],
  ['2026-03-20T18:00:00Z', false, 'weekend', 'Sat 02:00'],
  ['2026-03-22T17:00:00Z', false, 'after-hours', 'Mon 01:00: Sunday had no shift, Monday is a working day'],
  ['2026-03-23T14:00:00Z', true, 'within-hours', 'Mon 22:00'],
]);

// Kazakhstan moved from UTC+6 to UTC+5 on 2024-03-01.
table('Asia/Almaty offset change and Nauryz', settingsFor('Asia/Almaty', nineToFive, { holidays: { country: 'KZ' } }), [
  ['2024-02-29T03:00:00Z', true, 'within-hours', 'Thu 09:00 +06'],
  ['2024-03-04T03:30:00Z', false, 'after-hours', 'Mon 08:30 +05'],
  ['2024-03-04T04:00:00Z', true, 'within-hours', 'Mon 09:00 +05'],
  ['2026-03-24T05:00:00Z', false, 'holiday', 'Nauryz substitute day, Tuesday'],
]);

// Friday evening runs straight into a full Saturday; 24:00 means the end of the day.
table('Europe/Moscow midnight edges', settingsFor('Europe/Moscow', { fri: span('18:00', '24:00'), sat: span('00:00', '24:00') }), [
  ['2026-03-20T20:59:59Z', true, 'within-hours', 'Fri 23:59:59'],
  ['2026-03-20T21:00:00Z', true, 'within-hours', 'Sat 00:00'],
  ['2026-03-21T20:59:59Z', true, 'within-hours', 'Sat 23:59:59'],
  ['2026-03-21T21:00:00Z', false, 'weekend', 'Sun 00:00'],
]);

// Brazil's last DST began at midnight: 2018-11-04 00:00 did not exist (clocks went to 01:00).
table('America/Sao_Paulo midnight in a DST gap', settingsFor('America/Sao_Paulo', { sun: span('00:00', '02:00'), tue: span('09:00', '17:00') }, { holidays: { country: 'BR' } }), [
  ['2018-11-04T02:59:00Z', false, 'weekend', 'Sat 23:59 -03, so still Saturday'],
  ['2018-11-04T03:00:00Z', true, 'within-hours', 'Sun 01:00 -02'],
  ['2018-11-04T04:00:00Z', false, 'after-hours', 'Sun 02:00 -02'],
  ['2026-04-21T13:00:00Z', false, 'holiday', 'Tiradentes, a Tuesday'],
  ['2026-04-28T12:00:00Z', true, 'within-hours', 'Tue 09:00 -03'],
]);

describe('durations across DST', () => {
  it('counts the hour lost in the New York gap', () => {
    const s = settingsFor('America/New_York', { sun: span('02:30', '04:00') });
    expect(minutesBetween(s, '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z')).toBe(60);
    expect(minutesBetween(s, '2026-03-15T00:00:00Z', '2026-03-16T00:00:00Z')).toBe(90);
  });
  it('counts the repeated half hour on Lord Howe', () => {
    const s = settingsFor('Australia/Lord_Howe', { sun: span('01:45', '03:00') });
    // 01:45 (+11, first pass) = 14:45Z to 03:00 (+10:30) = 16:30Z.
    expect(minutesBetween(s, '2026-04-04T00:00:00Z', '2026-04-06T00:00:00Z')).toBe(105);
  });
  it('gives an overnight shift crossing fall-back nine hours', () => {
    const s = settingsFor('America/New_York', { sat: span('22:00', '06:00') });
    const [only, ...rest] = workingIntervals(s, utc('2026-10-31T00:00:00Z'), utc('2026-11-02T00:00:00Z'));
    expect(rest).toHaveLength(0);
    expect(only?.start.toUTC().toISO()).toBe('2026-11-01T02:00:00.000Z');
    expect(only?.end.toUTC().toISO()).toBe('2026-11-01T11:00:00.000Z');
  });
  it('is negative when to is before from', () => {
    const s = settingsFor('Europe/Tirane', nineToFive);
    expect(minutesBetween(s, '2026-03-17T12:00:00Z', '2026-03-17T10:00:00Z')).toBe(-120);
  });
});

describe('nextWorkingStart and addWorkingTime', () => {
  const s = settingsFor('Europe/Tirane', nineToFive, { holidays: { country: 'AL' } });
  it('skips a weekend and the Nevruz holidays', () => {
    // Fri 2026-03-20 18:00; Mon 23 is Nevruz (substitute day) so work starts Tue 24 09:00 CET.
    expect(nextWorkingStart(s, utc('2026-03-20T17:00:00Z'))?.toISO()).toBe('2026-03-24T09:00:00.000+01:00');
  });
  it('returns the instant itself during working time', () => {
    expect(nextWorkingStart(s, utc('2026-03-17T10:00:00Z'))?.toUTC().toISO()).toBe('2026-03-17T10:00:00.000Z');
  });
  it('returns null when the week has no hours', () => {
    expect(nextWorkingStart(settingsFor('Europe/Tirane', {}), utc('2026-03-17T10:00:00Z'))).toBeNull();
  });
  it('adds 16 working hours from Thursday noon to Monday noon across spring forward', () => {
    const due = addWorkingTime(s, utc('2026-03-26T11:00:00Z'), Duration.fromObject({ hours: 16 }));
    expect(due.toISO()).toBe('2026-03-30T12:00:00.000+02:00'); // Thu 12:00 CET: 5h + Fri 8h + Mon 3h; DST began Sunday
  });
  it('ends at the end of an interval, not at the next start', () => {
    expect(addWorkingTime(s, utc('2026-03-17T15:00:00Z'), Duration.fromObject({ hours: 1 })).toISO()).toBe('2026-03-17T17:00:00.000+01:00');
  });
  it('uses date overrides: hours on a holiday, a day off on a weekday', () => {
    const o = settingsFor('Europe/Tirane', nineToFive, {
      holidays: { country: 'AL' },
      overrides: [{ date: '2026-03-16', intervals: [{ start: '10:00', end: '12:00' }] }, { date: '2026-03-17', intervals: [] }],
    });
    expect(isWorkingTime(o, utc('2026-03-16T09:30:00Z'))).toBe(true);
    expect(classifyInstant(o, utc('2026-03-17T09:30:00Z')).category).toBe('weekend');
    expect(nextWorkingStart(o, utc('2026-03-16T11:00:00Z'))?.toISO()).toBe('2026-03-18T09:00:00.000+01:00');
  });
});
