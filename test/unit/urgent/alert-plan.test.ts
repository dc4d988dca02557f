import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { planAlert, quietUntil } from '../../../src/domain/alerts/plan.js';
import type { Signal } from '../../../src/domain/signals/index.js';
import { settingsWith } from '../../fixtures/build.js';

const urgent: Signal = { code: 'urgent', text: 'Asks for speed', evidence: 'ASAP' };
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const s = (alerts: Record<string, unknown>, client: Record<string, unknown> = {}) =>
  settingsWith({ alerts, clients: [{ name: 'Northwind', addresses: ['ceo@northwind.example'], ...client }] });
const plan = (settings: ReturnType<typeof s>, signals: Signal[] = [], now = at('2026-11-25T12:00:00Z')) => planAlert(settings, settings.clients[0]!, signals, now);

describe('which mail alerts the user now', () => {
  it("a VIP's mail always does, on every configured channel", () => {
    const p = plan(s({ webhook: { url: 'https://hooks.example/b' }, email: { to: 'me@home.example' } }, { vip: true }));
    expect(p).toMatchObject({ rule: 'vip', heldForQuiet: false, channels: ['email', 'webhook', 'push'] });
    expect(p!.why).toContain('Northwind is a VIP');
  });

  it('urgent mail only from clients marked alertWhenUrgent', () => {
    expect(plan(s({}), [urgent])).toBeNull();
    expect(plan(s({}, { alertWhenUrgent: true }), [urgent])).toMatchObject({ rule: 'urgent' });
    expect(plan(s({}, { alertWhenUrgent: true }), [])).toBeNull();
  });

  it('no channel, no alert', () => {
    expect(plan(s({ push: false }, { vip: true }))).toBeNull();
  });

  it('waits for the end of quiet hours, unless the client breaks through', () => {
    const quiet = { quietHours: { start: '22:00', end: '07:00' } };
    const night = at('2026-11-25T22:30:00Z'); // 23:30 in Tirana
    const held = plan(s(quiet, { vip: true }), [], night)!;
    expect(held.heldForQuiet).toBe(true);
    expect(held.sendAt.toUTC().toISO()).toBe('2026-11-26T06:00:00.000Z'); // 07:00 in Tirana
    const loud = plan(s(quiet, { vip: true, alertBreaksQuiet: true }), [], night)!;
    expect(loud).toMatchObject({ heldForQuiet: false, breaksQuiet: true });
    expect(loud.sendAt.toMillis()).toBe(night.toMillis());
  });
});

describe('quietUntil', () => {
  const settings = (start: string, end: string) => settingsWith({ alerts: { quietHours: { start, end } } });
  it.each([
    ['22:00', '07:00', '2026-11-25T05:30:00Z', '2026-11-25T06:00:00.000Z'], // 06:30 local: the morning part
    ['22:00', '07:00', '2026-11-25T21:00:00Z', '2026-11-26T06:00:00.000Z'], // 22:00 local: starts now
    ['22:00', '07:00', '2026-11-25T12:00:00Z', null],
    ['13:00', '14:00', '2026-11-25T12:30:00Z', '2026-11-25T13:00:00.000Z'], // a nap
    ['13:00', '14:00', '2026-11-25T13:00:00Z', null], // 14:00 local: over
  ])('%s–%s at %s → %s', (start, end, now, expected) => {
    expect(quietUntil(settings(start, end), at(now))?.toUTC().toISO() ?? null).toBe(expected);
  });
});
