import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { explainCommand } from '../../../src/cli/explain.js';

const settingsFile = path.resolve(import.meta.dirname, '../../fixtures/settings.json');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'boundary-explain-signals-'));
function file(name: string, content: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
}

// 23:00 in Tirana on a Wednesday: after hours, so the decision is an auto-reply.
const message = (body: string, headers = '') =>
  file(`m-${Math.random().toString(36).slice(2)}.eml`, [
    'From: Dana Client <dana@acme.com>',
    'To: Arta Hoxha <arta@hoxha.studio>',
    'Subject: The site',
    'Date: Wed, 25 Nov 2026 23:00:00 +0100',
    'Message-ID: <m1@acme.com>',
    ...(headers ? [headers] : []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n'));

async function explain(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await explainCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s), now: () => DateTime.fromISO('2026-11-25T22:05:00Z') });
  return { code, json: code === 0 ? JSON.parse(out.join('\n')) : null, err: err.join('\n') };
}

describe('boundary explain: signals', () => {
  it('prints the signals with their evidence whatever the decision', async () => {
    const r = await explain([message('You idiot, the checkout is broken again. I will pay the invoice next week.'), '--settings', settingsFile]);
    expect(r.code).toBe(0);
    // Abuse is the one signal that changes the decision, and the first reason says so (issue 18).
    expect(r.json.action).toBe('notify-only');
    expect(r.json.reasons[0]).toEqual({ code: 'abusive', message: expect.stringContaining('You idiot') });
    expect(r.json.signals).toEqual([
      { code: 'abusive', text: expect.any(String), evidence: 'You idiot' },
      { code: 'payment-promise', text: expect.any(String), evidence: 'I will pay' },
      { code: 'commitment', text: expect.any(String), evidence: 'I will pay the invoice next week.', date: expect.stringMatching(/^2026-12-06T/) },
    ]);
  });

  it('reads urgency from the X-Priority header of the .eml', async () => {
    const r = await explain([message('Please send the logo files.', 'X-Priority: 1 (Highest)'), '--settings', settingsFile]);
    expect(r.json.signals).toEqual([{ code: 'urgent', text: expect.any(String), evidence: 'X-Priority: 1 (Highest)' }]);
  });

  it('adds the history-based signals with --history, and older history files still work', async () => {
    const eml = message('Any update on the checkout? We also have a new project for you.');
    expect((await explain([eml, '--settings', settingsFile])).json.signals).toEqual([]);
    const old = file('old.json', JSON.stringify({ lastReplyToSenderAt: '2026-11-10T10:00:00Z' }));
    expect((await explain([eml, '--settings', settingsFile, '--history', old])).json.signals.map((s: { code: string }) => s.code)).toEqual(['chaser']);
    const full = file('full.json', JSON.stringify({
      messages: [{ direction: 'out', at: '2026-11-24T09:00:00Z' }, { direction: 'in', at: '2026-11-25T08:00:00Z' }],
      invoices: [{ dueAt: '2026-11-10', reference: 'INV-7' }],
    }));
    const r = await explain([eml, '--settings', settingsFile, '--history', full]);
    expect(r.json.signals.map((s: { code: string }) => s.code)).toEqual(['chaser', 'new-work-while-unpaid']);
    expect(r.json.signals[1].text).toContain('INV-7');
  });

  it.each([
    [{ messages: [{ direction: 'sideways', at: '2026-11-24T09:00:00Z' }] }, /messages\[0\]\.direction must be "in" or "out"/],
    [{ messages: {} }, /messages must be a list/],
    [{ invoices: [{ dueAt: 'soon' }] }, /invoices\[0\]\.dueAt/],
    [{ invoices: [{ dueAt: '2026-11-10', paidAt: 5 }] }, /invoices\[0\]\.paidAt/],
  ])('rejects a bad history file with a clear error (%j)', async (history, why) => {
    const r = await explain([message('Hello'), '--settings', settingsFile, '--history', file(`h-${Math.random()}.json`, JSON.stringify(history))]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(why);
  });
});
