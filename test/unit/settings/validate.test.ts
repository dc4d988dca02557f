import { describe, expect, it } from 'vitest';
import { SettingsError, parseSettings } from '../../../src/domain/settings-validate.js';

const base = () => ({ timeZone: 'Europe/Tirane', week: { mon: [{ start: '09:00', end: '17:00' }] } });

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    parseSettings(input);
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    return (err as SettingsError).issues;
  }
  throw new Error('expected the settings to be rejected');
}

describe('parseSettings', () => {
  it('applies defaults and keeps the input untouched', () => {
    const input = base();
    const s = parseSettings(input);
    expect(s).toMatchObject({ locale: 'en', invitationPolicy: 'notify-only', holidays: { enabled: true }, week: { tue: [] }, silence: { thresholdDays: 3 } });
    expect(input).toEqual(base());
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['an unknown zone', { timeZone: 'Europe/Atlantis' }, 'timeZone', /unknown time zone 'Europe\/Atlantis'/],
    ['an end equal to its start', { week: { mon: [{ start: '09:00', end: '09:00' }] } }, 'week.mon[0]', /end equals start/],
    ['overlapping intervals', { week: { mon: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } }, 'week.mon[1]', /overlaps 09:00–12:00/],
    ['an overnight interval overlapping the next day', { week: { mon: [{ start: '22:00', end: '10:00' }], tue: [{ start: '09:00', end: '17:00' }] } }, 'week.mon[0]', /crosses midnight and overlaps 09:00–17:00 \(week\.tue\[0\]\)/],
    ['Sunday night into Monday', { week: { mon: [{ start: '05:00', end: '09:00' }], sun: [{ start: '23:00', end: '06:00' }] } }, 'week.sun[0]', /overlaps 05:00–09:00/],
    ['24:00 as a start', { week: { mon: [{ start: '24:00', end: '02:00' }] } }, 'week.mon[0].start', /only allowed as an end/],
    ['24:30', { week: { mon: [{ start: '09:00', end: '24:30' }] } }, 'week.mon[0].end', /not a time of day/],
    ['an impossible date', { overrides: [{ date: '2026-02-30', intervals: [] }] }, 'overrides[0].date', /'2026-02-30' is not a real date/],
    ['a malformed date', { vacations: [{ start: '1 May', end: '2026-05-03' }] }, 'vacations[0].start', /not a real date/],
    ['a vacation ending before it starts', { vacations: [{ start: '2026-08-10', end: '2026-08-01' }] }, 'vacations[0].end', /2026-08-01 is before the start 2026-08-10/],
    ['a duplicate override', { overrides: [{ date: '2026-05-04', intervals: [] }, { date: '2026-05-04', intervals: [] }] }, 'overrides[1].date', /already has an override/],
    ['an override running into the next day', { overrides: [{ date: '2026-05-03', intervals: [{ start: '20:00', end: '10:00' }] }] }, 'overrides[0].intervals[0]', /overlaps 09:00–17:00 \(week\.mon\[0\]\)/],
    ['an unknown holiday country', { holidays: { country: 'XX' } }, 'holidays.country', /unknown holiday country 'XX'/],
    ['an unknown holiday region', { holidays: { country: 'US', region: 'ZZ' } }, 'holidays.region', /unknown region 'ZZ' for holiday country US/],
    ['a client with no addresses or domains', { clients: [{ name: 'Acme' }] }, 'clients[0]', /at least one address or domain/],
    ['a bad client zone', { clients: [{ name: 'Acme', domains: ['acme.com'], timeZone: 'Moon/Base' }] }, 'clients[0].timeZone', /unknown time zone 'Moon\/Base'/],
    ['a structural error', { replyWindowDays: 0 }, 'replyWindowDays', /^must be at least 1$/],
    ['a bad address', { addresses: ['not an address'] }, 'addresses[0]', /^'not an address' is not an email address/],
    ['a bad time, said once', { week: { mon: [{ start: '25:00', end: '17:00' }] } }, 'week.mon[0].start', /^'25:00' is not a time of day/],
  ])('rejects %s, naming the field', (_name, patch, path, message) => {
    const issues = issuesOf({ ...base(), ...patch });
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
    // One mistake, one message; never the validator's own words.
    expect(issues.filter((i) => i.path === path)).toHaveLength(1);
    expect(JSON.stringify(issues)).not.toMatch(/Expected|required property|to match/);
  });

  it('accepts midnight edges, adjacent intervals and overnight hours that end when the next day starts', () => {
    const s = parseSettings({ ...base(), week: { fri: [{ start: '18:00', end: '24:00' }], sat: [{ start: '00:00', end: '24:00' }], sun: [{ start: '22:00', end: '09:00' }], mon: [{ start: '09:00', end: '17:00' }] } });
    expect(s.week.sat).toHaveLength(1);
  });

  it('lists every issue in one message', () => {
    const issues = issuesOf({ timeZone: 'Nowhere/Town', week: { mon: [{ start: '09:00', end: '09:00' }] }, vacations: [{ start: '2026-02-30', end: '2026-03-01' }] });
    expect(issues.map((i) => i.path)).toEqual(['timeZone', 'week.mon[0]', 'vacations[0].start']);
    expect(() => parseSettings({ timeZone: 'Nowhere/Town', week: {} })).toThrow(/^Invalid settings: timeZone: unknown time zone/);
  });

  it('rejects a missing week and non-objects', () => {
    expect(issuesOf({ timeZone: 'Europe/Tirane' })).toContainEqual({ path: 'week', message: expect.stringMatching(/required/i) });
    expect(issuesOf([])).toEqual([{ path: '(settings)', message: 'expected a JSON object' }]);
  });
});
