import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime, Settings as Luxon } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { hoursCommand } from '../../../src/cli/hours.js';

const dir = mkdtempSync(path.join(tmpdir(), 'boundary-hours-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = new URL('../../../config/settings.example.json', import.meta.url).pathname;

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await hoursCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s), now: () => DateTime.fromISO('2026-03-22T09:00:00Z') });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('boundary hours', () => {
  it('prints the instant, its category, the next start and the week', async () => {
    const r = await run(['--settings', example, '--at', '2026-03-17T12:45']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      at: '2026-03-17T12:45:00.000+01:00',
      working: false,
      category: 'after-hours',
      nextWorkingStart: '2026-03-17T13:30:00.000+01:00',
      week: 'Mon–Fri 09:00–12:30, 13:30–17:30 (Tirana time)',
    });
  });

  it('resolves a repeated fall-back hour to its first occurrence whatever the date it runs', async () => {
    const real = Luxon.now;
    try {
      for (const runsAt of ['2026-01-15T12:00:00Z', '2026-07-15T12:00:00Z']) {
        Luxon.now = () => Date.parse(runsAt);
        const r = await run(['--settings', example, '--at', '2026-10-25T02:30']);
        expect(JSON.parse(r.out).at, `run on ${runsAt}`).toBe('2026-10-25T02:30:00.000+02:00');
      }
    } finally {
      Luxon.now = real;
    }
  });

  it('uses the injected clock without --at and names holidays', async () => {
    const r = await run(['--settings', example]);
    expect(JSON.parse(r.out)).toMatchObject({ at: '2026-03-22T10:00:00.000+01:00', category: 'holiday', holidayName: expect.stringMatching(/Nevruz|Nowruz/), nextWorkingStart: '2026-03-24T09:00:00.000+01:00' });
  });

  it('exits 2 with one line listing every issue', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ timeZone: 'Nowhere/Town', week: { mon: [{ start: '09:00', end: '09:00' }] } }));
    const r = await run(['--settings', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^boundary hours: Invalid settings: timeZone: unknown time zone 'Nowhere\/Town'.*; week\.mon\[0\]: end equals start/);
    expect(r.err).not.toContain('\n');
  });

  it('exits 2 for a missing file, bad JSON, a bad --at and no --settings', async () => {
    expect((await run(['--settings', path.join(dir, 'nope.json')])).err).toMatch(/cannot read .*nope\.json/);
    const junk = path.join(dir, 'junk.json');
    writeFileSync(junk, '{ nope');
    for (const args of [['--settings', junk], ['--settings', example, '--at', 'yesterday'], []]) {
      expect((await run(args)).code).toBe(2);
    }
  });
});
