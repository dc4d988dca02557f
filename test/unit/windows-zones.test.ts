import { describe, expect, it } from 'vitest';
import { ianaToWindows, windowsToIana, windowsZoneNames } from '../../src/domain/windows-zones.js';
import { defaultsFromMailbox } from '../../src/providers/outlook/mailbox-settings.js';

describe('windowsToIana (CLDR windowsZones, territory 001)', () => {
  it.each([
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['Nepal Standard Time', 'Asia/Kathmandu'],
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['India Standard Time', 'Asia/Kolkata'],
    ['Central Asia Standard Time', 'Asia/Bishkek'],
    ['Russian Standard Time', 'Europe/Moscow'],
    ['Singapore Standard Time', 'Asia/Singapore'],
    ['E. South America Standard Time', 'America/Sao_Paulo'],
    ['Dateline Standard Time', 'Etc/GMT+12'],
    ['UTC', 'Etc/UTC'],
  ])('%s → %s', (windows, iana) => {
    expect(windowsToIana(windows)).toBe(iana);
  });

  it('covers the full table, and every zone is one the runtime knows', () => {
    expect(windowsZoneNames.length).toBeGreaterThanOrEqual(135);
    for (const name of windowsZoneNames) {
      expect(() => new Intl.DateTimeFormat('en', { timeZone: windowsToIana(name) }), name).not.toThrow();
    }
  });

  it('an unknown name throws an error naming it, not a guess', () => {
    expect(() => windowsToIana('Atlantis Standard Time')).toThrow(/"Atlantis Standard Time"/);
    expect(() => windowsToIana('toString')).toThrow(/toString/);
    expect(() => windowsToIana('w. europe standard time')).toThrow(/w\. europe/);
  });

  it('maps back for primary zones only', () => {
    expect(ianaToWindows('Europe/Berlin')).toBe('W. Europe Standard Time');
    expect(ianaToWindows('Europe/Tirane')).toBeNull();
  });
});

describe('defaultsFromMailbox', () => {
  const base = {
    timeZone: 'Pacific Standard Time',
    workingHours: { daysOfWeek: ['monday', 'friday'], startTime: '08:30:00.0000000', endTime: '00:00:00.0000000', timeZone: { name: 'W. Europe Standard Time' } },
  };

  it('uses the working-hours zone, and midnight as an end means 24:00', () => {
    const d = defaultsFromMailbox(base);
    expect(d.timeZone).toBe('Europe/Berlin');
    expect(d.week.mon).toEqual([{ start: '08:30', end: '24:00' }]);
    expect(d.week.fri).toEqual([{ start: '08:30', end: '24:00' }]);
    expect(d.week.tue).toEqual([]);
  });

  it('accepts IANA names that Graph sometimes returns', () => {
    expect(defaultsFromMailbox({ ...base, workingHours: { ...base.workingHours, timeZone: { name: 'Asia/Tokyo' } } }).timeZone).toBe('Asia/Tokyo');
  });

  it('rejects bad input with a message naming the field', () => {
    expect(() => defaultsFromMailbox({ ...base, workingHours: { ...base.workingHours, daysOfWeek: ['funday'] } })).toThrow(/daysOfWeek.*funday/);
    expect(() => defaultsFromMailbox({ ...base, workingHours: { ...base.workingHours, startTime: 'nine' } })).toThrow(/startTime/);
    expect(() => defaultsFromMailbox({})).toThrow(/timeZone/);
    expect(() => defaultsFromMailbox({ workingHours: { ...base.workingHours, timeZone: { name: 'Mars/Olympus' } } })).toThrow(/Mars\/Olympus/);
  });
});
