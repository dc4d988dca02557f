import fc from 'fast-check';
import { simpleParser, type AddressObject } from 'mailparser';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { renderedHeader, renderMime } from '../../../src/domain/reply/mime.js';
import type { ComposedReply } from '../../../src/domain/reply/types.js';

/** Issue 15 §3: whatever the names, subjects and ids, the reply parses back and every line fits. */

const date = DateTime.fromISO('2025-11-25T19:40:00', { zone: 'Europe/Tirane' });
const pieces = ['Мария', 'Łukasz', 'O\'Brien', '"Quoted"', 'Smith,', 'Jr.', '😀', '👩‍💻', '日本語', 'a\\b', '(work)', 'x'.repeat(90), 'Ωμέγα', '=?not?=', 'Zoë'];
const word = fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((w) => !/\s|[\u0000-\u001f\u007f]/.test(w)));
// Words joined by single spaces: a display name's meaning does not depend on runs of spaces.
const phrase = (max: number) => fc.array(word, { minLength: 1, maxLength: max }).map((ws) => ws.join(' '));
const idPart = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,400}$/).filter((s) => !s.startsWith('.') && !s.endsWith('.') && !s.includes('..'));
const msgId = fc.tuple(idPart, fc.stringMatching(/^[a-z0-9]{1,60}(\.[a-z0-9]{1,20}){0,3}$/)).map(([l, r]) => `<${l}@${r}>`);

function reply(toName: string, fromName: string, subject: string, id: string, refs: string[]): ComposedReply {
  return {
    from: { name: fromName, address: 'arta@hoxha.studio' },
    to: { name: toName, address: 'maria@acme.com' },
    subject,
    inReplyTo: id,
    references: [...refs, id],
    messageId: '<boundary.0123456789abcdef@hoxha.studio>',
    headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', Precedence: 'bulk', 'X-Boundary-In-Reply-To': id },
    text: 'Thank you.',
    html: '<p>Thank you.</p>',
    language: 'en',
  };
}

const first = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0];

describe('renderMime properties', () => {
  it('parses back to the same values, with lines within 998 octets and encoded-word lines within 76', async () => {
    await fc.assert(
      fc.asyncProperty(phrase(120), phrase(4), phrase(40), msgId, fc.array(msgId, { maxLength: 3 }), async (toName, fromName, subject, id, refs) => {
        const mime = renderMime(reply(toName, fromName, subject, id, refs), { date });
        const head = mime.slice(0, mime.indexOf('\r\n\r\n'));
        for (const line of mime.split('\r\n')) {
          expect(Buffer.byteLength(line)).toBeLessThanOrEqual(998);
          if (/=\?[^?]+\?[BbQq]\?/.test(line)) expect(line.length, line).toBeLessThanOrEqual(76);
        }
        const parsed = await simpleParser(mime);
        expect(first(parsed.to)).toEqual({ name: toName, address: 'maria@acme.com' });
        expect(first(parsed.from)).toEqual({ name: fromName, address: 'arta@hoxha.studio' });
        expect(parsed.subject).toBe(subject);
        // Read back without a MIME parser, as the send path records its sent copy.
        expect(renderedHeader(mime, 'Subject')).toBe(subject);
        expect(parsed.inReplyTo).toBe(id);
        const boundaryHeader = /^X-Boundary-In-Reply-To:\s*(.*(?:\r\n[ \t].*)*)/m.exec(head)![1]!.replace(/\r\n[ \t]+/g, ' ').trim();
        expect(boundaryHeader).toBe(id);
      }),
      { numRuns: 300 },
    );
  });

  it('renderedHeader: absent headers are undefined, and the body never counts as a header', () => {
    const mime = renderMime(reply('Maria', 'Arta', 'Hello', '<a@b.c>', []), { date });
    expect(renderedHeader(mime, 'Subject')).toBe('Hello');
    expect(renderedHeader(mime, 'subject')).toBe('Hello');
    expect(renderedHeader(mime, 'X-Missing')).toBeUndefined();
    expect(renderedHeader('Subject: a\r\n\r\nX-Body: b', 'X-Body')).toBeUndefined();
  });

  it('the issue\'s examples: a Cyrillic name and long subject, an 1,100-character name, a 990-octet Message-ID', async () => {
    const longName = Array.from({ length: 110 }, (_, i) => `Name${i}`).join(' ').slice(0, 1100) + ', Esq.';
    const longId = `<${'a'.repeat(975)}@mail.example>`;
    const mime = renderMime(reply(longName, 'Арта Хоxха Дизайн-студия', 'Re: Обновлённые макеты главной страницы и каталога для весенней кампании', longId, []), { date });
    for (const line of mime.split('\r\n')) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(998);
      if (line.includes('=?')) expect(line.length).toBeLessThanOrEqual(76);
    }
    const parsed = await simpleParser(mime);
    expect(first(parsed.to)?.name).toBe(longName);
    expect(parsed.inReplyTo).toBe(longId);
  });
});
