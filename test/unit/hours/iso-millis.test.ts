import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoMillis } from '../../../src/domain/hours/iso-millis.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('isoMillis', () => {
  it('agrees with Date.parse on every instant in the stored shape, valid or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 }), (y, mo, d, h, mi, s, ms) => {
        const iso = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`;
        expect(Object.is(isoMillis(iso), Date.parse(iso)), iso).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('reads stored instants as Date.parse does, month ends and leap days included', () => {
    for (const iso of ['2026-11-24T07:00:00.000Z', '2024-02-29T23:59:59.999Z', '2026-02-31T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '0099-06-01T12:00:00.000Z', '2026-03-29T01:30:00.500Z']) {
      expect(isoMillis(iso), iso).toBe(Date.parse(iso));
    }
  });

  it('hands every other shape to Date.parse, unparsable ones included', () => {
    for (const iso of ['2026-11-24T07:00:00Z', '2026-11-24T08:00:00.000+01:00', '2026-11-24', '2026-01-01T24:00:00.000Z', '2026-1a-24T07:00:00.000Z', '2026-11-24 07:00:00.000Z', 'not a date at all, 24 c', '']) {
      expect(Object.is(isoMillis(iso), Date.parse(iso)), iso).toBe(true);
    }
  });
});
