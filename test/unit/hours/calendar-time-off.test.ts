import { describe, expect, it } from 'vitest';
import { vacationsOfTimeOff } from '../../../src/domain/hours/index.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';

const nine = [{ start: '09:00', end: '17:00' }];
const settings = parseSettings({ timeZone: 'America/New_York', week: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine, sat: [], sun: [] }, holidays: { enabled: false } });

describe('out-of-office calendar events as vacations', () => {
  it('reads all-day events as dates with an exclusive end', () => {
    expect(vacationsOfTimeOff(settings, [{ eventId: 'a', allDay: true, start: '2026-12-14', end: '2026-12-16' }])).toEqual([{ start: '2026-12-14', end: '2026-12-15' }]);
  });

  it('places timed events in the user zone: 03:00 UTC on Tuesday is still Monday evening in New York', () => {
    // Monday 08:00 to Wednesday 22:00 New York time, written in UTC.
    const got = vacationsOfTimeOff(settings, [{ eventId: 't', allDay: false, start: '2026-12-07T13:00:00.000Z', end: '2026-12-10T03:00:00.000Z' }]);
    expect(got).toEqual([{ start: '2026-12-07', end: '2026-12-09' }]);
  });

  it('leaves a day a working day when the absence covers only part of its hours', () => {
    // Tuesday 14:00–16:00 New York (the dentist): no vacation at all.
    expect(vacationsOfTimeOff(settings, [{ eventId: 'd', allDay: false, start: '2026-12-08T19:00:00.000Z', end: '2026-12-08T21:00:00.000Z' }])).toEqual([]);
    // Friday 12:00 to Monday 12:00: Friday afternoon and Monday morning are left; the weekend between counts.
    expect(vacationsOfTimeOff(settings, [{ eventId: 'w', allDay: false, start: '2026-12-11T17:00:00.000Z', end: '2026-12-14T17:00:00.000Z' }])).toEqual([{ start: '2026-12-12', end: '2026-12-13' }]);
  });

  it('joins overlapping and adjacent events into one run, and ignores unreadable ones', () => {
    const got = vacationsOfTimeOff(settings, [
      { eventId: 'a', allDay: true, start: '2026-12-21', end: '2026-12-23' },
      { eventId: 'b', allDay: true, start: '2026-12-23', end: '2026-12-24' },
      { eventId: 'c', allDay: false, start: 'not a date', end: '2026-12-24T00:00:00Z' },
    ]);
    expect(got).toEqual([{ start: '2026-12-21', end: '2026-12-23' }]);
  });
});
