import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { classifyInstant } from '../../../src/domain/hours/index.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';

/** Issue 15 §5: the days people really take off, beyond date-holidays' public days. */
const nineToFive = [{ start: '09:00', end: '17:00' }];
const week = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] };
const at = (s: ReturnType<typeof parseSettings>, iso: string) => classifyInstant(s, DateTime.fromISO(iso, { zone: s.timeZone }));

describe('days off', () => {
  it("counts the Philippines' special non-working days only when optional days are chosen", () => {
    const publicOnly = parseSettings({ timeZone: 'Asia/Manila', week, holidays: { country: 'PH' } });
    const withSpecial = parseSettings({ timeZone: 'Asia/Manila', week, holidays: { country: 'PH', types: ['public', 'optional'] } });
    expect(at(publicOnly, '2025-08-21T10:00').category).toBe('within-hours'); // Ninoy Aquino Day (special)
    expect(at(withSpecial, '2025-08-21T10:00')).toMatchObject({ category: 'holiday', holidayName: 'Ninoy Aquino Day' });
    expect(at(withSpecial, '2025-06-19T10:00').category).toBe('within-hours'); // an observance, not chosen
  });

  it("takes Russia's decree transfers as the user's own days off", () => {
    const transfers = ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31'];
    const s = parseSettings({ timeZone: 'Europe/Moscow', week, holidays: { country: 'RU', days: transfers.map((date) => ({ date, name: 'Перенос выходного дня' })) } });
    for (const date of transfers) expect(at(s, `${date}T10:00`), date).toMatchObject({ category: 'holiday', holidayName: 'Перенос выходного дня' });
    expect(at(s, '2025-05-07T10:00').category).toBe('within-hours');
  });

  it('own days off count even with public holidays switched off, and bad input names the field', () => {
    const s = parseSettings({ timeZone: 'Europe/Tirane', week, holidays: { enabled: false, days: [{ date: '2025-03-03', name: 'Substitute day' }] } });
    expect(at(s, '2025-03-03T10:00').category).toBe('holiday');
    expect(() => parseSettings({ timeZone: 'UTC', week, holidays: { types: ['festive'] } })).toThrow(/holidays\.types/);
    expect(() => parseSettings({ timeZone: 'UTC', week, holidays: { days: [{ date: '2025-02-30', name: 'x' }] } })).toThrow(/holidays\.days/);
  });
});
