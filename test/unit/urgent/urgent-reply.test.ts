import { describe, expect, it } from 'vitest';
import { decideMessage } from '../../../src/domain/decide-message.js';
import { REPLY_LANGUAGES } from '../../../src/domain/settings.js';
import { detectSignals, type Signal } from '../../../src/domain/signals/index.js';
import { NOW, message, settings, settingsWith } from '../../fixtures/build.js';

const urgent: Signal = { code: 'urgent', text: 'Asks for speed', evidence: 'ASAP' };
const abusive: Signal = { code: 'abusive', text: 'Insulting, threatening or contemptuous wording', evidence: 'you idiot' };
const route = { text: 'If the site is down, call +355 69 000 0000.', byLanguage: { ru: 'Если сайт не работает, звоните: +355 69 000 0000.' } };

describe('the after-hours reply to an urgent message', () => {
  it('acknowledges the urgency, names the next start once, and gives the emergency route', () => {
    const text = decideMessage(message(), settingsWith({ emergency: route }), {}, NOW, [urgent]).reply!.text;
    expect(text).toContain('I can see this is urgent. It will be the first thing I turn to when I am back at work, on');
    expect(text).toContain('If the site is down, call +355 69 000 0000.');
    // The routine "I will be back at work on …" line would repeat the next start.
    expect(text).not.toContain('I will be back at work on');
    expect(text.indexOf('urgent')).toBeLessThan(text.indexOf('Best regards'));
  });

  it('reads as before when nothing is urgent, and gives no route then', () => {
    const text = decideMessage(message(), settingsWith({ emergency: route }), {}, NOW).reply!.text;
    expect(text).not.toMatch(/urgent|\+355/);
    expect(text).toContain('I will be back at work on');
  });

  it('leaves the route out when the user set none', () => {
    const text = decideMessage(message(), settings, {}, NOW, [urgent]).reply!.text;
    expect(text).toContain('I can see this is urgent');
    expect(text).not.toMatch(/\n\n\n/);
  });

  it.each(REPLY_LANGUAGES)('is written in %s, with the route in that language when the user wrote one', (language) => {
    const s = settingsWith({ emergency: route, clients: [{ name: 'Nadia Client', addresses: ['nadia@client.example'], language }] });
    const text = decideMessage(message(), s, {}, NOW, [urgent]).reply!.text;
    const note = { en: 'urgent', sq: 'urgjente', tl: 'apurahan', kk: 'шұғыл', ru: 'срочное' }[language];
    expect(text).toContain(note);
    expect(text).toContain(language === 'ru' ? 'Если сайт не работает' : 'If the site is down');
    expect(text).not.toContain('{');
  });

  it("uses the client's own route before the user's", () => {
    const s = settingsWith({ emergency: route, clients: [{ name: 'Nadia Client', addresses: ['nadia@client.example'], emergency: { text: 'For the shop, text Arta on +355 68 111 1111.' } }] });
    const text = decideMessage(message(), s, {}, NOW, [urgent]).reply!.text;
    expect(text).toContain('+355 68 111 1111');
    expect(text).not.toContain('+355 69');
  });

  it('adds the note to a custom template that does not place it, before the sign-off', () => {
    const s = settingsWith({ emergency: route, templates: { default: { text: '{greeting}\n\nThanks, I am off until {nextReply}.\n\nCheers,\n{userName}' } } });
    const text = decideMessage(message(), s, {}, NOW, [urgent]).reply!.text;
    const paragraphs = text.split('\n\n');
    expect(paragraphs.at(-1)).toMatch(/^Cheers,/);
    expect(paragraphs.at(-3)).toMatch(/^I can see this is urgent/);
    expect(paragraphs.at(-2)).toBe(route.text);
  });

  it('detects urgency from the message itself end to end (subject and snippet)', () => {
    const m = message({ subject: 'URGENT: the site is down', snippet: 'Please fix it today, ASAP.' });
    const signals = detectSignals({ subject: m.subject, body: m.snippet!, headers: m.headers, receivedAt: m.receivedAt }, { settings, client: null, language: 'en' });
    expect(decideMessage(m, settings, {}, NOW, signals).reply!.text).toContain('I can see this is urgent');
  });
});

describe('an abusive message', () => {
  it('never gets the polite reply: notify-only, and the reason says why', () => {
    const d = decideMessage(message(), settings, {}, NOW, [abusive, urgent]);
    expect(d.action).toBe('notify-only');
    expect(d.reply).toBeUndefined();
    expect(d.reasons[0]).toEqual({ code: 'abusive', message: expect.stringContaining('abusive wording ("you idiot")') });
    expect(d.reasons[1]!.code).toBe('after-hours');
  });

  it('changes nothing that would not have been answered anyway', () => {
    const d = decideMessage(message({ receivedAt: '2025-11-26T09:15:00.000Z' }), settings, {}, NOW, [abusive]);
    expect(d).toMatchObject({ action: 'none', reasons: [{ code: 'within-hours' }] });
  });
});
