import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { heldSendTime } from '../../../src/domain/held/send-time.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';
import { nineToFive, span, weekdays } from '../hours/fixture.js';

/** Issue 21: a draft held for the morning goes at the next working start. */
const local = (zone: string, iso: string) => DateTime.fromISO(iso, { zone });
const utc = (t: DateTime) => t.toUTC().toISO({ suppressMilliseconds: true });

describe('when a held draft goes', () => {
  it('a draft marked at 23:40 goes at 09:00 local the next working day, across the October DST end in Tirane', () => {
    const s = parseSettings({ timeZone: 'Europe/Tirane', week: nineToFive, holidays: { enabled: false } });
    const sent = heldSendTime(s, undefined, local('Europe/Tirane', '2026-10-23T23:40')); // a Friday, clocks go back on Sunday
    expect(sent.sendNow).toBe(false);
    expect(sent.at.setZone('Europe/Tirane').toISO({ suppressMilliseconds: true })).toBe('2026-10-26T09:00:00+01:00');
    expect(utc(sent.at)).toBe('2026-10-26T08:00:00Z');
    expect(sent.reason).toMatch(/your next working start, Monday 26 October 09:00 \(Europe\/Tirane\)/);
  });

  it('and across the March DST start in New York', () => {
    const s = parseSettings({ timeZone: 'America/New_York', week: nineToFive, holidays: { enabled: false } });
    const sent = heldSendTime(s, undefined, local('America/New_York', '2026-03-06T23:40'));
    expect(utc(sent.at)).toBe('2026-03-09T13:00:00Z'); // 09:00 EDT, a day after the change
  });

  it('skips public holidays: New Year in Albania is two days', () => {
    const s = parseSettings({ timeZone: 'Europe/Tirane', week: nineToFive, holidays: { country: 'AL' } });
    const sent = heldSendTime(s, undefined, local('Europe/Tirane', '2025-12-31T23:40'));
    expect(sent.at.toISO({ suppressMilliseconds: true })).toBe('2026-01-05T09:00:00+01:00');
  });

  it('sends now when the user is already within working hours, and a night worker at 23:40 is', () => {
    const day = parseSettings({ timeZone: 'Europe/Tirane', week: nineToFive, holidays: { enabled: false } });
    const at = local('Europe/Tirane', '2026-11-24T10:15');
    expect(heldSendTime(day, undefined, at)).toMatchObject({ sendNow: true, basis: 'user' });
    expect(heldSendTime(day, undefined, at).at.toMillis()).toBe(at.toMillis());
    const night = parseSettings({ timeZone: 'Europe/Tirane', week: weekdays(span('22:00', '06:00')), holidays: { enabled: false } });
    expect(heldSendTime(night, undefined, local('Europe/Tirane', '2026-11-24T23:40')).sendNow).toBe(true);
    // Saturday 07:00 is after Friday's night shift: the next one starts Monday 22:00.
    expect(heldSendTime(night, undefined, local('Europe/Tirane', '2026-11-28T07:00')).at.toISO({ suppressMilliseconds: true })).toBe('2026-11-30T22:00:00+01:00');
  });

  it("on the client's basis, goes at 09:00 on the client's clock (a half-hour zone)", () => {
    const client = { name: 'Priya', addresses: ['priya@example.in'], domains: [], timeZone: 'Asia/Kolkata', vip: false, autoReply: true };
    const s = parseSettings({ timeZone: 'Europe/Tirane', week: nineToFive, holidays: { enabled: false }, clients: [client], hold: { sendAt: 'client' } });
    const sent = heldSendTime(s, s.clients[0], local('Europe/Tirane', '2026-11-23T23:40')); // 04:10 Tuesday in Kolkata
    expect(sent.basis).toBe('client');
    expect(sent.at.toISO({ suppressMilliseconds: true })).toBe('2026-11-24T09:00:00+05:30');
    expect(sent.at.setZone('Europe/Tirane').toFormat('HH:mm')).toBe('04:30');
  });

  it('on the both basis, finds the first half hour a New York morning shares with a Kolkata day', () => {
    const client = { name: 'Priya', addresses: ['priya@example.in'], domains: [], timeZone: 'Asia/Kolkata', week: weekdays(span('09:00', '18:00')), vip: false, autoReply: true };
    const s = parseSettings({ timeZone: 'America/New_York', week: weekdays(span('07:00', '12:00')), holidays: { enabled: false }, clients: [client], hold: { sendAt: 'both' } });
    const sent = heldSendTime(s, s.clients[0], local('America/New_York', '2026-11-23T23:40'));
    // Kolkata's 18:00 is 07:30 EST: the only shared time is 07:00–07:30 New York.
    expect(sent.at.toISO({ suppressMilliseconds: true })).toBe('2026-11-24T07:00:00-05:00');
    expect(sent.at.setZone('Asia/Kolkata').toFormat('HH:mm')).toBe('17:30');
    const inside = heldSendTime(s, s.clients[0], local('America/New_York', '2026-11-24T07:10'));
    expect(inside.sendNow).toBe(true);
    const after = heldSendTime(s, s.clients[0], local('America/New_York', '2026-11-24T07:30'));
    expect(after.at.toISO({ suppressMilliseconds: true })).toBe('2026-11-25T07:00:00-05:00');
  });

  it("on the both basis across an overnight schedule: a Tirane night shift meets Kolkata's morning", () => {
    const client = { name: 'Priya', addresses: ['priya@example.in'], domains: [], timeZone: 'Asia/Kolkata', week: nineToFive, vip: false, autoReply: true };
    const s = parseSettings({ timeZone: 'Europe/Tirane', week: weekdays(span('22:00', '06:00')), holidays: { enabled: false }, clients: [client], hold: { sendAt: 'both' } });
    const sent = heldSendTime(s, s.clients[0], local('Europe/Tirane', '2026-11-23T23:40'));
    expect(sent.at.toISO({ suppressMilliseconds: true })).toBe('2026-11-24T04:30:00+01:00');
  });

  it('falls back to the user when the client has no time zone, and says why; fails plainly when hours never meet', () => {
    const client = { name: 'Acme', addresses: [], domains: ['acme.com'], vip: false, autoReply: true };
    const s = parseSettings({ timeZone: 'Europe/Tirane', week: nineToFive, holidays: { enabled: false }, clients: [client], hold: { sendAt: 'client' } });
    const sent = heldSendTime(s, s.clients[0], local('Europe/Tirane', '2026-11-23T23:40'));
    expect(sent).toMatchObject({ basis: 'user', reason: expect.stringContaining('Acme has no time zone set') });
    expect(sent.at.toISO({ suppressMilliseconds: true })).toBe('2026-11-24T09:00:00+01:00');
    const far = { name: 'Far', addresses: ['far@example.nz'], domains: [], timeZone: 'Pacific/Auckland', week: weekdays(span('09:00', '10:00')), vip: false, autoReply: true };
    const apart = parseSettings({ timeZone: 'Europe/Tirane', week: weekdays(span('09:00', '10:00')), holidays: { enabled: false }, clients: [far] });
    expect(() => heldSendTime(apart, apart.clients[0], local('Europe/Tirane', '2026-11-23T23:40'), 'both')).toThrow(/no common working time/);
  });
});
