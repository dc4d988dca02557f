import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { renderMime } from '../../../src/domain/reply/mime.js';
import type { ComposedReply } from '../../../src/domain/reply/types.js';

const base: ComposedReply = {
  from: { name: 'Arta Hoxha', address: 'arta@hoxha.studio' },
  to: { name: 'Maria Lopez', address: 'maria@acme.com' },
  subject: 'Re: Homepage copy',
  inReplyTo: '<m1@acme.com>',
  references: ['<m0@acme.com>', '<m1@acme.com>'],
  messageId: '<boundary.0123456789abcdef0123456789abcdef@hoxha.studio>',
  headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', Precedence: 'bulk', 'X-Boundary-In-Reply-To': '<m1@acme.com>' },
  text: 'Hi Maria,\n\nThank you — back on Tuesday.\n',
  html: '<p>Hi Maria,</p><p>Thank you — back on Tuesday.</p>',
  language: 'en',
};
const date = DateTime.fromISO('2025-11-25T19:40:00', { zone: 'Europe/Tirane' });
const render = (patch: Partial<ComposedReply> = {}) => renderMime({ ...base, ...patch }, { date });

function headerLines(mime: string): string[] {
  return mime.slice(0, mime.indexOf('\r\n\r\n')).split('\r\n');
}

describe('renderMime', () => {
  it('uses CRLF only, keeps header lines within 78 columns and declares MIME', () => {
    const mime = render({ references: Array.from({ length: 30 }, (_, i) => `<thread-${i}.${'x'.repeat(40)}@mail.acme.com>`) });
    expect(mime.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of headerLines(mime)) expect(line.length).toBeLessThanOrEqual(78);
    expect(mime).toMatch(/^MIME-Version: 1\.0$/m);
    expect(mime).toContain('Date: Tue, 25 Nov 2025 19:40:00 +0100');
  });

  it('round-trips through mailparser with every header intact', async () => {
    const parsed = await simpleParser(render());
    expect(parsed.from?.value[0]).toEqual({ name: 'Arta Hoxha', address: 'arta@hoxha.studio' });
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : []).toEqual([{ name: 'Maria Lopez', address: 'maria@acme.com' }]);
    expect(parsed.subject).toBe('Re: Homepage copy');
    expect(parsed.messageId).toBe(base.messageId);
    expect(parsed.inReplyTo).toBe('<m1@acme.com>');
    expect(parsed.references).toEqual(['<m0@acme.com>', '<m1@acme.com>']);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(parsed.headers.get('x-auto-response-suppress')).toBe('All');
    expect(parsed.headers.get('precedence')).toBe('bulk');
    expect(parsed.headers.get('x-boundary-in-reply-to')).toBe('<m1@acme.com>');
    expect(parsed.text?.replace(/\r\n/g, '\n')).toBe(base.text);
    expect(parsed.html).toContain('Thank you — back on Tuesday.');
  });

  it.each([
    ['Japanese', 'Re: ' + '新しいウェブサイトのデザインについてのご相談と、来週のミーティングの日程調整について'.repeat(3)],
    ['Cyrillic', 'Re: Счёт за ноябрь и декабрь, а также акт сверки взаиморасчётов за первое полугодие'],
    ['Kazakh', 'Re: Жоба туралы: жаңа макеттер және келесі аптадағы кездесудің уақыты'],
    ['very long ASCII', `Re: ${'A fairly long subject line with many words '.repeat(6).trim()}`],
    ['an unbreakable ASCII word', `Re: ${'x'.repeat(120)}`],
    ['text that looks encoded', 'Re: =?UTF-8?B?abc?= is not a word'],
  ])('encodes and folds a %s subject so it decodes exactly', async (_, subject) => {
    const mime = render({ subject });
    for (const line of headerLines(mime)) expect(line.length).toBeLessThanOrEqual(78);
    for (const word of mime.match(/=\?UTF-8\?B\?[^?]*\?=/g) ?? []) expect(word.length).toBeLessThanOrEqual(75);
    expect((await simpleParser(mime)).subject).toBe(subject);
  });

  it('encodes non-ASCII display names and quotes specials', async () => {
    const parsed = await simpleParser(render({ from: { name: 'Арта Хоxha', address: 'arta@hoxha.studio' }, to: { name: 'Lopez, Maria "ML"', address: 'maria@acme.com' } }));
    expect(parsed.from?.value[0]?.name).toBe('Арта Хоxha');
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.name : '').toBe('Lopez, Maria "ML"');
  });

  it('is deterministic for the same reply and date', () => {
    expect(render()).toBe(render());
  });
});
