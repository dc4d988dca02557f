import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { workingHoursBetween } from '../../../src/domain/follow-up/working-days.js';
import { workingTimeBetween } from '../../../src/domain/hours/index.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const settings = parseSettings({
  timeZone: 'America/New_York',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: [{ start: '22:00', end: '06:00' }], sat: [], sun: [] },
  holidays: { country: 'US' },
  vacations: [{ start: '2026-03-02', end: '2026-03-06' }],
});

describe('working hours between two instants', () => {
  it('agrees with the hours engine for any pair, across DST, holidays, a vacation and an overnight shift', () => {
    const base = DateTime.fromISO('2026-01-01T00:00:00Z').toMillis();
    const span = 200 * 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: span }), fc.integer({ min: 0, max: span }), (x, y) => {
        const a = DateTime.fromMillis(base + x, { zone: 'utc' });
        const b = DateTime.fromMillis(base + y, { zone: 'utc' });
        const expected = workingTimeBetween(settings, a, b).toMillis() / 3_600_000;
        expect(workingHoursBetween(settings, a, b)).toBeCloseTo(expected, 9);
      }),
      { numRuns: 300 },
    );
  });
});
