import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { zoneNamed } from '../../../src/domain/hours/zone-clock.js';

/**
 * zoneNamed hands out zones whose offsets are memoized per quarter hour of UTC. They must agree
 * with luxon's own zone at every instant, across transitions, in zones with odd offsets and odd
 * daylight-saving steps, and in luxon's arithmetic on DateTimes in them.
 */
describe('memoized zones', () => {
  const zones = ['Europe/Tirane', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Asia/Kolkata'];
  // Days around this decade's transitions in those zones, walked in 7-minute steps (never aligned to a quarter hour for long).
  const days = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01', '2027-04-04'];

  it('gives the offset luxon computes, at every instant tried', () => {
    for (const name of zones) {
      const memo = zoneNamed(name)!;
      const plain = IANAZone.create(name);
      for (const day of days) {
        const start = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
        for (let ms = start; ms < start + 3 * 86_400_000; ms += 7 * 60_000 + 13_000) {
          expect(memo.offset(ms), `${name} at ${new Date(ms).toISOString()}`).toBe(plain.offset(ms));
        }
      }
    }
  });

  it('does the same wall-clock arithmetic as a zone given by name', () => {
    for (const name of zones) {
      for (const day of days) {
        for (const hour of [0, 1, 2, 3, 12, 23]) {
          const iso = `${day}T${String(hour).padStart(2, '0')}:30:00`;
          const a = DateTime.fromISO(iso, { zone: zoneNamed(name)! });
          const b = DateTime.fromISO(iso, { zone: name });
          expect(a.toISO(), `${name} ${iso}`).toBe(b.toISO());
          expect(a.plus({ days: 1 }).endOf('day').toISO()).toBe(b.plus({ days: 1 }).endOf('day').toISO());
          expect(a.startOf('day').toMillis()).toBe(b.startOf('day').toMillis());
          expect(a.hasSame(b, 'day')).toBe(true);
        }
      }
    }
  });
});
