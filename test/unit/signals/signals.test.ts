import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectSignals, signalOverride, type SignalMessage } from '../../../src/domain/signals/index.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';
import type { Client } from '../../../src/domain/settings.js';

const settings = parseSettings(JSON.parse(readFileSync(new URL('../../fixtures/settings.json', import.meta.url), 'utf8')));
const client: Client = { name: 'Acme Corp', addresses: [], domains: ['acme.com'], vip: false, autoReply: true };
// Wednesday 25 November 2026, 10:30 in Tirana.
const AT = '2026-11-25T09:30:00.000Z';
const msg = (body: string, extra: Partial<SignalMessage> = {}): SignalMessage => ({ subject: 'Hello', body, headers: {}, receivedAt: AT, ...extra });
const codes = (m: SignalMessage, history?: Parameters<typeof detectSignals>[2], c: Client = client) =>
  detectSignals(m, { settings, client: c, language: null }, history).map((s) => s.code);
const hoursBefore = (h: number) => new Date(Date.parse(AT) - h * 3_600_000).toISOString();

describe('detectSignals', () => {
  it('gives the words that triggered each signal as evidence', () => {
    const body = "Let's go with option B. Can you add 2 more pages? No need for a contract.";
    const signals = detectSignals(msg(body), { settings, client, language: 'en' });
    expect(signals.map((s) => s.code)).toEqual(['decision', 'scope-change', 'contract-refusal']);
    for (const s of signals) expect(body.toLowerCase()).toContain(s.evidence.toLowerCase());
  });

  it('reads urgency from Importance, X-Priority and Priority headers, and only high values', () => {
    expect(codes(msg('See attached.', { headers: { importance: 'high' } }))).toEqual(['urgent']);
    expect(codes(msg('See attached.', { headers: { 'x-priority': '2 (High)' } }))).toEqual(['urgent']);
    expect(codes(msg('See attached.', { headers: { priority: 'urgent' } }))).toEqual(['urgent']);
    expect(codes(msg('See attached.', { headers: { importance: 'normal', 'x-priority': '3 (Normal)', priority: 'normal' } }))).toEqual([]);
  });

  it('dates a deadline within a day and a commitment in the user zone', () => {
    const [urgent] = detectSignals(msg('We need the banner by tomorrow.'), { settings, client, language: 'en' });
    expect(urgent).toMatchObject({ code: 'urgent', date: '2026-11-26T22:59:59.999Z' });
    const [commitment] = detectSignals(msg('Пікірлерімізді жұмаға дейін жіберемін.'), { settings, client, language: 'kk' });
    expect(commitment).toMatchObject({ code: 'commitment', date: '2026-11-27T22:59:59.999Z' });
  });

  it('ignores quoted earlier mail', () => {
    expect(codes(msg('Thanks, all clear now.\n\nOn Tue, 24 Nov 2026 at 22:00 Client <c@acme.com> wrote:\n> You idiot, fix it ASAP'))).toEqual([]);
    expect(codes(msg('Спасибо!\n> Вы просто бездарь, срочно'))).toEqual([]);
  });

  it('looks for history-based signals only when a history is given', () => {
    expect(codes(msg('Any update on the logo?'))).toEqual([]);
    expect(codes(msg('Any update on the logo?'), { messages: [] })).toEqual(['chaser']);
  });

  it('counts repeated messages as chasing only while the user has not answered', () => {
    const unanswered = { messages: [{ direction: 'in' as const, at: hoursBefore(5) }, { direction: 'in' as const, at: hoursBefore(2) }] };
    expect(codes(msg('Here is the menu text.'), unanswered)).toEqual(['chaser']);
    const answered = { messages: [...unanswered.messages, { direction: 'out' as const, at: hoursBefore(1) }] };
    expect(codes(msg('Here is the menu text.'), answered)).toEqual([]);
  });

  it("uses the client's own silence threshold, else the global one", () => {
    const history = { messages: [{ direction: 'out' as const, at: hoursBefore(24 * 9) }] };
    expect(codes(msg('Hello again.'), history)).toEqual([]); // about 6 working days < 10
    expect(codes(msg('Hello again.'), history, { ...client, silenceThresholdDays: 5 })).toEqual(['silent-return']);
  });

  it('warns about new work only while an invoice is overdue and unpaid', () => {
    const body = 'We have a new project for you.';
    expect(codes(msg(body), { invoices: [{ dueAt: hoursBefore(24 * 10) }] })).toEqual(['new-work-while-unpaid']);
    expect(codes(msg(body), { invoices: [{ dueAt: hoursBefore(24 * 10), paidAt: hoursBefore(24) }] })).toEqual([]);
    expect(codes(msg(body), { invoices: [{ dueAt: new Date(Date.parse(AT) + 86_400_000).toISOString() }] })).toEqual([]);
  });

  it('rejects a message without a readable arrival time', () => {
    expect(() => detectSignals(msg('hi', { receivedAt: 'yesterday' }), { settings, client, language: null })).toThrow(/receivedAt/);
  });
});

describe('signalOverride', () => {
  const abusive = detectSignals(msg('You idiot, this is broken.'), { settings, client, language: 'en' });

  it('turns an auto-reply to abuse into notify-only, with the reason', () => {
    expect(signalOverride('auto-reply', abusive)).toMatchObject({ action: 'notify-only', code: 'abusive', message: expect.stringContaining('You idiot') });
  });

  it('changes nothing else', () => {
    expect(signalOverride('none', abusive)).toBeNull();
    expect(signalOverride('auto-reply', detectSignals(msg('URGENT please'), { settings, client, language: 'en' }))).toBeNull();
  });
});
