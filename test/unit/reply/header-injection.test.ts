import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isAddrSpec, isMsgId } from '../../../src/domain/mail-syntax.js';
import { HeaderInjectionError, renderMime } from '../../../src/domain/reply/mime.js';
import type { ComposedReply } from '../../../src/domain/reply/types.js';
import { toMessageMeta } from '../../../src/providers/gmail/message-meta.js';
import { mapMessage } from '../../../src/providers/outlook/message-meta.js';

const reply: ComposedReply = {
  from: { address: 'arta@hoxha.studio' },
  to: { address: 'maria@acme.com' },
  subject: 'Re: Homepage copy',
  inReplyTo: '<m1@acme.com>',
  references: ['<m1@acme.com>'],
  messageId: '<boundary.1@hoxha.studio>',
  headers: { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All', Precedence: 'bulk', 'X-Boundary-In-Reply-To': '<m1@acme.com>' },
  text: 'Hi',
  html: '<p>Hi</p>',
  language: 'en',
};
const date = DateTime.fromISO('2026-11-25T19:40:00', { zone: 'Europe/Tirane' });

describe('header injection (issue 14, hole 3)', () => {
  it('a Graph sender address carrying CRLF + Bcc never becomes a MessageMeta address', () => {
    const meta = mapMessage({
      id: 'g1', conversationId: 'c1', internetMessageId: '<ok@acme.com>',
      from: { emailAddress: { address: 'maria@acme.com\r\nBcc: everyone@evil.example' } },
      replyTo: [{ emailAddress: { address: 'x@acme.com\nBcc: y@evil.example' } }, { emailAddress: { address: 'billing@acme.com' } }],
      toRecipients: [{ emailAddress: { address: 'arta@hoxha.studio' } }], receivedDateTime: '2026-11-25T19:00:00Z',
    }, ['inbox'], 'receivedDateTime');
    expect(meta.from).toBeNull();
    expect(meta.replyTo).toEqual([{ address: 'billing@acme.com' }]);
    expect(meta.dropped?.join(' ')).toMatch(/from: .* is not an RFC 5322 address/);
  });

  it('a Gmail Message-ID with a bare CR is dropped, and so are bad ids in References', () => {
    const meta = toMessageMeta({
      id: 'm1', threadId: 't1', internalDate: '1764096000000',
      payload: { headers: [
        { name: 'From', value: 'Maria <maria@acme.com>' },
        { name: 'Message-ID', value: '<abc\rBcc: x@evil.example@acme.com>' },
        { name: 'References', value: '<good@acme.com> <bad\r@acme.com>' },
      ] },
    });
    expect(meta.messageId).toBeNull();
    expect(meta.headers.references).toBe('<good@acme.com>');
    expect(meta.from?.address).toBe('maria@acme.com');
    expect(meta.dropped).toHaveLength(2);
  });

  it('the MIME writer refuses a CR or LF in any header it writes as-is', () => {
    expect(() => renderMime(reply, { date })).not.toThrow();
    const bad: Array<Partial<ComposedReply>> = [
      { to: { address: 'maria@acme.com\r\nBcc: y@evil.example' } },
      { inReplyTo: '<a@b>\rBcc: y@evil.example' },
      { references: ['<a@b>', '<c@d>\nBcc: y@evil.example'] },
      { headers: { ...reply.headers, 'X-Boundary-In-Reply-To': '<a@b>\r\nBcc: y@evil.example' } },
    ];
    for (const patch of bad) expect(() => renderMime({ ...reply, ...patch }, { date })).toThrow(HeaderInjectionError);
  });

  it('knows an addr-spec and a msg-id', () => {
    for (const ok of ['a@b.example', 'first.last+tag@sub.example.com', '"quoted local"@x.example', 'jörg@bücher.example', 'u@[192.0.2.1]']) expect(isAddrSpec(ok), ok).toBe(true);
    for (const bad of ['', 'a', 'a@', '@b', 'a b@c.example', 'a@b\r\n.example', 'a@b.example\nBcc: x', 'a\u0000@b.example', 'a..b@c.example', `${'x'.repeat(250)}@b.example`]) expect(isAddrSpec(bad), JSON.stringify(bad)).toBe(false);
    for (const ok of ['<abc@mail.gmail.com>', '<CAF=+x_1@mail.example>', '<1.2@[10.0.0.1]>']) expect(isMsgId(ok), ok).toBe(true);
    for (const bad of ['abc@x', '<abc>', '<a b@x>', '<a@x>\r', '<a\r@x>', '<a@x>\nBcc: y']) expect(isMsgId(bad), JSON.stringify(bad)).toBe(false);
  });
});
