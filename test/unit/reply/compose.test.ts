import { describe, expect, it } from 'vitest';
import { composeReply, replyMessageId } from '../../../src/domain/reply/compose.js';
import { offsetZoneOfDateHeader } from '../../../src/domain/reply/client-zone.js';
import { matchClient } from '../../../src/domain/clients.js';
import { REPLY_LANGUAGES } from '../../../src/domain/settings.js';
import type { MessageMeta } from '../../../src/domain/message.js';
import { NOW, message, settings, settingsWith } from '../../fixtures/build.js';

const compose = (m: MessageMeta = message(), s = settings) => composeReply(m, s, matchClient(m.from!, s), NOW);

describe('composeReply headers', () => {
  it('answers From when there is no Reply-To, from the address the client wrote to', () => {
    const r = compose(message({ to: [{ address: 'arta.hoxha@gmail.com' }] }));
    expect(r.to).toEqual({ name: 'Nadia Client', address: 'nadia@client.example' });
    expect(r.from).toEqual({ name: 'Arta Hoxha', address: 'arta.hoxha@gmail.com' });
  });
  it('answers exactly one Reply-To address when present', () => {
    const r = compose(message({ replyTo: [{ name: 'Tom', address: 'tom@client.example' }, { address: 'x@client.example' }] }));
    expect(r.to).toEqual({ name: 'Tom', address: 'tom@client.example' });
  });
  it('carries In-Reply-To, References and the RFC 3834 headers', () => {
    const r = compose(message({ headers: { references: '<r1@x> <r2@x>' } }));
    expect(r.inReplyTo).toBe('<m1@client.example>');
    expect(r.references).toEqual(['<r1@x>', '<r2@x>', '<m1@client.example>']);
    expect(r.headers).toEqual({
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      Precedence: 'bulk',
      'X-Boundary-In-Reply-To': '<m1@client.example>',
    });
  });
  it('uses In-Reply-To for References when References is missing', () => {
    expect(compose(message({ headers: { 'in-reply-to': '<p@x>' } })).references).toEqual(['<p@x>', '<m1@client.example>']);
  });
  it('derives the Message-ID from the user address and original id, so a retry reuses it', () => {
    const a = compose();
    expect(compose().messageId).toBe(a.messageId);
    expect(a.messageId).toMatch(/^<boundary\.[0-9a-f]{32}@hoxha\.studio>$/);
    expect(compose(message({ messageId: '<other@x>' })).messageId).not.toBe(a.messageId);
    expect(replyMessageId('arta@hoxha.studio', message({ messageId: null }))).not.toBe(replyMessageId('arta@hoxha.studio', message({ messageId: null, providerMessageId: 'gm-2' })));
  });
});

describe('composeReply subject', () => {
  it('prefixes the original subject', () => expect(compose().subject).toBe('Re: Question about the proposal'));
  it('does not double a prefix already present (any case)', () => {
    expect(compose(message({ subject: 'RE: Question' })).subject).toBe('RE: Question');
  });
  it('uses the configured prefix', () => {
    expect(compose(message(), settingsWith({ subjectPrefix: 'Auto:' })).subject).toBe('Auto: Question about the proposal');
  });
  it('falls back to a localized "Automatic reply" when there is no subject', () => {
    expect(compose(message({ subject: '  ', snippet: '' })).subject).toBe('Automatic reply');
    expect(compose(message({ subject: '', snippet: 'Здравствуйте, пришлите, пожалуйста, счёт за ноябрь.' })).subject).toBe('Автоматический ответ');
  });
  it('never lets CR/LF from the original into the subject', () => {
    expect(compose(message({ subject: 'Hi\r\nBcc: victim@x.example' })).subject).toBe('Re: Hi Bcc: victim@x.example');
  });
});

describe('composeReply templates', () => {
  const samples: Record<string, string> = {
    en: 'Hello Arta, could you tell me when the proposal will be ready?',
    sq: 'Përshëndetje Arta, a mund të më thoni kur do të jetë gati oferta? Faleminderit.',
    tl: 'Magandang araw po, kailan po magiging handa ang proposal? Salamat po.',
    kk: 'Сәлеметсіз бе, ұсыныс қашан дайын болатынын айта аласыз ба?',
    ru: 'Здравствуйте, подскажите, пожалуйста, когда будет готово предложение?',
  };
  for (const lang of REPLY_LANGUAGES) {
    for (const receivedAt of ['2025-11-25T18:40:00Z', '2025-11-22T10:00:00Z', '2025-11-28T09:00:00Z', '2025-11-20T10:00:00Z']) {
      it(`${lang} at ${receivedAt}: detected, every placeholder filled`, () => {
        const r = compose(message({ receivedAt, snippet: samples[lang]!, subject: '', dateHeader: 'Tue, 25 Nov 2025 22:40:00 +0500' }));
        expect(r.language).toBe(lang);
        expect(r.text).not.toMatch(/[{}]/);
        expect(r.html).not.toMatch(/[{}]/);
        expect(r.text).toContain('Arta Hoxha');
        expect(r.text).toMatch(/09:00/); // the user's hours
        expect(r.text).toMatch(/13:00|14:00/); // Tirana 09:00 is 13:00 at +05:00 (Mon–Thu) and the next start is shown in that zone
      });
    }
  }
  it('a client language setting wins over detection', () => {
    expect(compose(message({ from: { address: 'x@astana.kz' } })).language).toBe('kk');
  });
  it('falls back to settings.language when the text says nothing', () => {
    expect(compose(message({ subject: 'ok', snippet: '' }), settingsWith({ language: 'sq' })).language).toBe('sq');
  });
  it('shows the vacation message and the holiday name', () => {
    expect(compose(message({ receivedAt: '2025-11-20T10:00:00Z' })).text).toContain('my colleague Blerta');
    expect(compose(message({ receivedAt: '2025-11-28T09:00:00Z' })).text).toContain('Independence Day');
  });
  it('uses a custom template, most specific key first', () => {
    const s = settingsWith({ templates: { default: { text: 'Default {userName}' }, 'en:weekend': { text: 'Weekend! Back {nextReply}.', subject: 'Away: {subject}' } } });
    expect(compose(message(), s).text).toBe('Default Arta Hoxha');
    const weekend = compose(message({ receivedAt: '2025-11-22T10:00:00Z' }), s);
    expect(weekend.text).toMatch(/^Weekend! Back Tuesday 2 December, 09:00 \(Tirana time\)\.$/);
    expect(weekend.subject).toBe('Away: Question about the proposal');
  });
});

describe('client zone', () => {
  it.each([
    ['Tue, 25 Nov 2025 22:40:00 +0530', 'UTC+05:30'],
    ['Tue, 25 Nov 2025 13:40:00 -0500 (EST)', 'UTC-05:00'],
    ['Tue, 25 Nov 2025 18:40:00 +0000', null],
    ['Tue, 25 Nov 2025 18:40:00 -0000', null],
    ['Tue, 25 Nov 2025 18:40:00 GMT', null],
    [null, null],
  ] as const)('%s → %s', (header, zone) => expect(offsetZoneOfDateHeader(header)).toBe(zone));

  it('shows both zones when the Date header gives one', () => {
    const r = compose(message({ dateHeader: 'Tue, 25 Nov 2025 23:10:00 +0530' }));
    expect(r.text).toContain('which is Mon–Thu 13:30–21:30; Fri 13:30–17:30 your time');
    expect(r.text).toContain('Tuesday 2 December, 13:30 (your time)');
  });
  it('shows only the user zone when the client zone is unknown or the same', () => {
    for (const dateHeader of [null, 'Tue, 25 Nov 2025 19:40:00 +0100']) {
      const r = compose(message({ dateHeader }));
      expect(r.text).not.toContain('your time');
      expect(r.text).toContain('Tuesday 2 December, 09:00 (Tirana time)');
    }
  });
  it('a client time zone setting wins over the Date header', () => {
    const r = compose(message({ from: { address: 'maria@acme.com' }, dateHeader: 'Tue, 25 Nov 2025 23:10:00 +0530' }));
    expect(r.text).toContain('Tuesday 2 December, 03:00 (your time)');
  });
});
