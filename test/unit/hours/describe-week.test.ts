import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { describeWeek } from '../../../src/domain/hours/index.js';
import { nineToFive, settingsFor, span, weekdays } from './fixture.js';

const winter = DateTime.fromISO('2026-01-14T12:00:00Z');
const tirana = settingsFor('Europe/Tirane', nineToFive);

describe('describeWeek', () => {
  it('groups equal days and names the city', () => {
    expect(describeWeek(tirana, { locale: 'en' })).toBe('Mon–Fri 09:00–17:00 (Tirana time)');
    const s = settingsFor('Europe/Tirane', { ...weekdays(span('09:00', '17:00')), fri: span('09:00', '13:00'), sat: [{ start: '14:00', end: '16:00' }, { start: '10:00', end: '12:00' }] });
    expect(describeWeek(s, { locale: 'en' })).toBe('Mon–Thu 09:00–17:00; Fri 09:00–13:00; Sat 10:00–12:00, 14:00–16:00 (Tirana time)');
  });

  it('converts to the reader\'s zone for the week after `at`', () => {
    expect(describeWeek(tirana, { locale: 'en', otherZone: 'America/New_York', at: winter })).toBe('Mon–Fri 09:00–17:00 (Tirana time), which is 03:00–11:00 your time');
    // Between 8 and 29 March New York is on summer time and Tirana is not yet.
    expect(describeWeek(tirana, { locale: 'en', otherZone: 'America/New_York', at: DateTime.fromISO('2026-03-10T12:00:00Z') })).toContain('which is 04:00–12:00 your time');
  });

  it('moves days across midnight and accepts fixed offsets', () => {
    const evenings = settingsFor('Europe/Tirane', weekdays(span('18:00', '23:00')));
    expect(describeWeek(evenings, { locale: 'en', otherZone: 'UTC+10', at: winter })).toBe('Mon–Fri 18:00–23:00 (Tirana time), which is Tue–Sat 03:00–08:00 your time');
    expect(describeWeek(tirana, { locale: 'en', otherZone: 'UTC+05:30', at: DateTime.fromISO('2026-07-01T00:00:00Z') })).toContain('which is 12:30–20:30 your time');
    // Manila's morning is the previous evening in New York: the week starts on Sunday there.
    const manila = settingsFor('Asia/Manila', nineToFive);
    expect(describeWeek(manila, { locale: 'en', otherZone: 'America/New_York', at: DateTime.fromISO('2026-06-01T00:00:00Z') })).toBe('Mon–Fri 09:00–17:00 (Manila time), which is Sun–Thu 21:00–05:00 your time');
  });

  it('uses the locale for day names and words', () => {
    expect(describeWeek(tirana, { locale: 'sq' })).toBe('hën–pre 09:00–17:00 (ora e Tiranës)');
    expect(describeWeek(tirana, { locale: 'ru' })).toBe('пн–пт 09:00–17:00 (время: Тирана)');
    expect(describeWeek(settingsFor('Asia/Almaty', nineToFive), { locale: 'kk' })).toBe('дс–жм 09:00–17:00 (Алматы уақыты)');
    expect(describeWeek(settingsFor('Asia/Manila', nineToFive), { locale: 'tl' })).toBe('Lun–Biy 09:00–17:00 (oras sa Manila)');
  });

  it('says when there are no hours, and rejects an unknown reader zone', () => {
    expect(describeWeek(settingsFor('Europe/Tirane', {}), { locale: 'en' })).toBe('no working hours');
    expect(() => describeWeek(tirana, { locale: 'en', otherZone: 'Mars/Olympus' })).toThrow(/unknown zone 'Mars\/Olympus'/);
  });
});
