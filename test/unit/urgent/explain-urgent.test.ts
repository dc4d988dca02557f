import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { explainCommand } from '../../../src/cli/explain.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'boundary-explain-urgent-'));
const fixture = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../fixtures/settings.json'), 'utf8')) as Record<string, unknown>;
const settingsFile = path.join(tmp, 'settings.json');
writeFileSync(settingsFile, JSON.stringify({ ...fixture, emergency: { text: 'If the site is down, call +355 69 000 0000.' } }));

function eml(body: string): string {
  const p = path.join(tmp, `m-${Math.random().toString(36).slice(2)}.eml`);
  // Wednesday 23:00 in Tirana: after hours.
  writeFileSync(p, ['From: Dana Client <dana@acme.com>', 'To: Arta Hoxha <arta@hoxha.studio>', 'Subject: The site', 'Date: Wed, 25 Nov 2026 23:00:00 +0100', 'Message-ID: <m1@acme.com>', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'));
  return p;
}

async function explain(file: string) {
  const out: string[] = [];
  const code = await explainCommand([file, '--settings', settingsFile], { out: (s) => out.push(s), err: () => {}, now: () => DateTime.fromISO('2026-11-25T22:05:00Z') });
  expect(code).toBe(0);
  return JSON.parse(out.join('\n'));
}

describe('boundary explain: urgency and abuse', () => {
  it('shows the urgent wording and the emergency route in the reply it would send', async () => {
    const r = await explain(eml('The checkout is broken, we need it fixed today. URGENT.'));
    expect(r.action).toBe('auto-reply');
    expect(r.signals.map((s: { code: string }) => s.code)).toContain('urgent');
    expect(r.reply.text).toContain('I can see this is urgent');
    expect(r.reply.text).toContain('If the site is down, call +355 69 000 0000.');
  });

  it('a calm message keeps the routine wording', async () => {
    const r = await explain(eml('Could you look at the checkout colours when you have a moment? Not urgent.'));
    expect(r.reply.text).not.toContain('urgent');
    expect(r.reply.text).not.toContain('+355');
  });

  it('"You idiot … fix it NOW" at 23:00: no reply, and the reason says it was abusive', async () => {
    const r = await explain(eml('You idiot, fix it NOW.'));
    expect(r.action).toBe('notify-only');
    expect(r.reasons.map((x: { code: string }) => x.code)).toEqual(['abusive', 'after-hours']);
    expect(r.reply).toBeNull();
  });
});
