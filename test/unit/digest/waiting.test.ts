import { describe, expect, it } from 'vitest';
import { buildDigestModel, renderDigestText } from '../../../src/domain/digest/index.js';
import { sections } from '../../../src/domain/digest/sections.js';
import { NOW, scenarioInput, emptyInput } from './scenario.js';

/** Issue 21 in the digest: what waits and when it goes, and the nudge to hold late replies. */
describe('held replies in the digest', () => {
  const held = [
    { recipient: 'tomas@acme.example', subject: 'Invoice', sendAt: '2026-11-30T08:00:00.000Z' },
    { recipient: 'ana@beta.example', subject: '', sendAt: '2026-11-30T08:00:00.000Z' },
  ];

  it('lists each held reply with when it goes in the user’s zone, and a digest with only that is not empty', () => {
    const base = emptyInput();
    const model = buildDigestModel({ ...base, held }, NOW);
    expect(model.empty).toBe(false);
    const waiting = sections(model).find((s) => s.id === 'held')!;
    expect(waiting.intro).toMatch(/^2 replies you held/);
    expect(waiting.lines).toEqual([
      { text: 'To tomas@acme.example: "Invoice"', note: `goes ${model.held!.waiting[0]!.localTime}` },
      { text: 'To ana@beta.example: "(no subject)"', note: `goes ${model.held!.waiting[1]!.localTime}` },
    ]);
    expect(model.held!.waiting[0]!.localTime).toMatch(/^Mon 30 Nov \d\d:00$/);
    expect(renderDigestText(model)).toContain('Waiting to send');
  });

  it('nudges toward holding beside the user’s own late mail only while holding is off', () => {
    const off = scenarioInput();
    const nudge = (m: ReturnType<typeof buildDigestModel>) => sections(m).find((s) => s.id === 'own-boundary')!.lines.some((l) => l.text.includes('Hold my after-hours replies'));
    expect(nudge(buildDigestModel(off, NOW))).toBe(true);
    const on = { ...off, settings: { ...off.settings, hold: { ...off.settings.hold, enabled: true } } };
    expect(nudge(buildDigestModel(on, NOW))).toBe(false);
    expect(buildDigestModel(emptyInput(), NOW).empty).toBe(true);
  });
});
