import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ianaToWindows, windowsToIana, windowsZoneNames } from '../../src/providers/outlook/windows-zones.js';
import { defaultsFromMailbox, graphZoneToIana } from '../../src/providers/outlook/mailbox-settings.js';

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

  it('every mapped zone is a real zone to Intl and luxon: it formats a date and has an offset', () => {
    const at = Date.UTC(2025, 0, 15, 12);
    for (const name of windowsZoneNames) {
      const zone = windowsToIana(name);
      expect(IANAZone.isValidZone(zone), `${name} → ${zone}`).toBe(true);
      expect(DateTime.fromMillis(at, { zone }).isValid, `${name} → ${zone}`).toBe(true);
      const parts = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at);
      expect(parts.find((p) => p.type === 'timeZoneName')?.value, `${name} → ${zone}`).toMatch(/^GMT([+-]\d\d:\d\d)?$/);
    }
  });

  // Where CLDR's 001 row still names a legacy alias, the table keeps the current canonical name.
  it.each([
    ['US Eastern Standard Time', 'America/Indiana/Indianapolis', 'America/Indianapolis'],
    ['Argentina Standard Time', 'America/Argentina/Buenos_Aires', 'America/Buenos_Aires'],
    ['Greenland Standard Time', 'America/Nuuk', 'America/Godthab'],
    ['FLE Standard Time', 'Europe/Kyiv', 'Europe/Kiev'],
    ['India Standard Time', 'Asia/Kolkata', 'Asia/Calcutta'],
    ['Nepal Standard Time', 'Asia/Kathmandu', 'Asia/Katmandu'],
    ['Myanmar Standard Time', 'Asia/Yangon', 'Asia/Rangoon'],
  ])('%s → %s (canonical for CLDR\'s %s, same offset)', (windows, canonical, cldrAlias) => {
    expect(windowsToIana(windows)).toBe(canonical);
    for (const at of [Date.UTC(2025, 0, 15, 12), Date.UTC(2025, 6, 15, 12)]) {
      expect(DateTime.fromMillis(at, { zone: canonical }).offset).toBe(DateTime.fromMillis(at, { zone: cldrAlias }).offset);
    }
  });

  it.each([
    ['Yukon Standard Time', 'America/Whitehorse'],
    ['Mountain Standard Time (Mexico)', 'America/Mazatlan'],
    ['E. Europe Standard Time', 'Europe/Chisinau'],
    ['Turks And Caicos Standard Time', 'America/Grand_Turk'],
    ['Aus Central W. Standard Time', 'Australia/Eucla'],
    ['Russia Time Zone 11', 'Asia/Kamchatka'],
    ['UTC-02', 'Etc/GMT+2'],
    ['UTC+13', 'Etc/GMT-13'],
  ])('CLDR 001 row %s → %s', (windows, iana) => {
    expect(windowsToIana(windows)).toBe(iana);
  });

  it('old Windows names that CLDR dropped still read, but are never answered with', () => {
    expect(windowsToIana('Mid-Atlantic Standard Time')).toBe('Etc/GMT+2');
    expect(windowsToIana('Kamchatka Standard Time')).toBe('Asia/Kamchatka');
    expect(ianaToWindows('Etc/GMT+2')).toBe('UTC-02');
    expect(ianaToWindows('Asia/Kamchatka')).toBe('Russia Time Zone 11');
  });

  it('Graph\'s custom-zone markers are not Windows names: a clear error, not a guess', () => {
    expect(() => windowsToIana('Customized Time Zone')).toThrow(/Unknown Windows time zone name "Customized Time Zone"/);
    expect(() => graphZoneToIana('tzone://Microsoft/Custom')).toThrow(/Unknown time zone "tzone:\/\/Microsoft\/Custom"/);
    expect(() => graphZoneToIana('Customized Time Zone')).toThrow(/"Customized Time Zone"/);
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
