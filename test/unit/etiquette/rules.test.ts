import { describe, expect, it } from 'vitest';
import { checkEtiquette, isAutoReplyOrOutOfOffice, isNoreplyAddress, isSystemAddress } from '../../../src/domain/etiquette/index.js';
import type { MessageMeta } from '../../../src/domain/message.js';
import { message, settings, settingsWith } from '../../fixtures/build.js';

const code = (m: MessageMeta, s = settings) => checkEtiquette(m, s)?.code ?? null;
const withHeaders = (headers: Record<string, string>) => message({ headers });

describe('etiquette rules', () => {
  it('lets a plain personal message through', () => {
    expect(code(message())).toBeNull();
  });

  it.each(['<>', '< >', ''])('null Return-Path %j blocks', (rp) => {
    expect(code(withHeaders({ 'return-path': rp }))).toBe('null-return-path');
  });
  it('a real Return-Path does not block', () => {
    expect(code(withHeaders({ 'return-path': '<nadia@client.example>' }))).toBeNull();
  });

  it.each(['auto-replied', 'auto-generated', 'auto-notified', 'Auto-Replied (vacation)', 'AUTO-GENERATED', 'auto-notified (calendar) '])(
    'Auto-Submitted: %s blocks',
    (v) => expect(code(withHeaders({ 'auto-submitted': v }))).toBe('auto-submitted'),
  );
  it.each(['no', 'No', ' no (a person wrote this)'])('Auto-Submitted: %j does not block', (v) => {
    expect(code(withHeaders({ 'auto-submitted': v }))).toBeNull();
  });

  it.each(['list-id', 'list-help', 'list-subscribe', 'list-unsubscribe', 'list-post', 'list-owner', 'list-archive'])('%s blocks', (h) => {
    expect(code(withHeaders({ [h]: '<x.lists.example>' }))).toBe('list-header');
  });

  it.each(['bulk', 'list', 'junk', 'BULK', ' Junk '])('Precedence: %j blocks', (p) => {
    expect(code(withHeaders({ precedence: p }))).toBe('precedence-bulk');
  });
  it('Precedence: first-class does not block', () => {
    expect(code(withHeaders({ precedence: 'first-class' }))).toBeNull();
  });

  it.each(['All', 'OOF', 'DR, OOF, RN', 'dr,oof', 'AutoReply', 'NDR , all'])('X-Auto-Response-Suppress: %j blocks', (v) => {
    expect(code(withHeaders({ 'x-auto-response-suppress': v }))).toBe('suppress-auto-response');
  });
  it.each(['None', 'DR, RN, NRN', 'NDR'])('X-Auto-Response-Suppress: %j does not block', (v) => {
    expect(code(withHeaders({ 'x-auto-response-suppress': v }))).toBeNull();
  });

  it('multipart/report blocks as a delivery report', () => {
    expect(code(withHeaders({ 'content-type': 'multipart/report; report-type=delivery-status' }))).toBe('delivery-report');
  });
  it('a Boundary reply is never answered', () => {
    expect(code(withHeaders({ 'x-boundary-in-reply-to': '<a@b>' }))).toBe('boundary-reply');
  });

  it.each(['MAILER-DAEMON@mx.example', 'listserv@lists.example', 'Majordomo@lists.example', 'design-l-request@lists.example', 'owner-design-l@lists.example'])(
    '%s is a system sender',
    (a) => {
      expect(isSystemAddress(a)).toBe(true);
      expect(code(message({ from: { address: a.toLowerCase() } }))).toBe('system-sender');
    },
  );
  it('postmaster is treated as a person', () => {
    expect(isSystemAddress('postmaster@smallhost.example')).toBe(false);
    expect(code(message({ from: { address: 'postmaster@smallhost.example' } }))).toBeNull();
  });
  it('a system envelope sender (Return-Path) or Sender header also blocks', () => {
    expect(code(withHeaders({ 'return-path': '<owner-x@lists.example>' }))).toBe('system-sender');
    expect(code(withHeaders({ sender: 'owner-x@lists.example' }))).toBe('system-sender');
  });

  it.each(['noreply@x.example', 'no-reply@x.example', 'no_reply@x.example', 'donotreply@x.example', 'do-not-reply@x.example', 'notifications@x.example', 'calendar-notification@google.com', 'bounces+123@x.example'])(
    '%s is a noreply sender',
    (a) => {
      expect(isNoreplyAddress(a)).toBe(true);
      expect(code(message({ from: { address: a } }))).toBe('noreply-sender');
    },
  );
  it.each(['nora@x.example', 'replies@x.example', 'norean@x.example', 'notion-team@x.example'])('%s is not a noreply sender', (a) => {
    expect(isNoreplyAddress(a)).toBe(false);
  });
  it('a noreply Reply-To blocks too', () => {
    expect(code(message({ replyTo: [{ address: 'no-reply@client.example' }] }))).toBe('noreply-sender');
  });

  it("the user's own addresses, compared case-insensitively, block", () => {
    expect(code(message({ from: { address: 'arta.hoxha@gmail.com' } }))).toBe('own-address');
    expect(code(message({ from: { address: 'ARTA@HOXHA.STUDIO' } }))).toBe('own-address');
    expect(code(message({ replyTo: [{ address: 'arta@hoxha.studio' }] }))).toBe('own-address');
  });

  it('mail not addressed to the user (Bcc, list, forward) blocks', () => {
    expect(code(message({ to: [{ address: 'team@client.example' }] }))).toBe('not-addressed-to-user');
  });
  it.each([
    ['cc', { to: [], cc: [{ address: 'arta@hoxha.studio' }] }],
    ['bcc', { to: [], bcc: [{ address: 'arta.hoxha@gmail.com' }] }],
    ['upper-case to', { to: [{ address: 'Arta@Hoxha.Studio' }] }],
    ['resent-to', { to: [], headers: { 'resent-to': 'Arta <arta@hoxha.studio>' } }],
    ['resent-cc', { to: [], headers: { 'resent-cc': 'a@b.example, ARTA@hoxha.studio' } }],
    ['resent-bcc', { to: [], headers: { 'resent-bcc': 'arta@hoxha.studio' } }],
  ] as Array<[string, Partial<MessageMeta>]>)('addressed via %s counts', (_, patch) => {
    expect(code(message(patch))).toBeNull();
  });
  it('an address that merely contains the user address does not count', () => {
    expect(code(message({ to: [], headers: { 'resent-to': 'barta@hoxha.studio' } }))).toBe('not-addressed-to-user');
  });
  it('with no user address configured nothing counts as addressed', () => {
    expect(code(message(), settingsWith({ addresses: [] }))).toBe('not-addressed-to-user');
  });

  it('mail filed as spam blocks', () => {
    expect(code(message({ labels: ['spam'] }))).toBe('spam');
  });
  it('a message without any sender blocks', () => {
    expect(code(message({ from: null }))).toBe('no-sender');
  });
  it('reasons carry a human message', () => {
    expect(checkEtiquette(withHeaders({ 'list-id': 'x' }), settings)?.message).toMatch(/list-id/);
  });
});

describe('isAutoReplyOrOutOfOffice', () => {
  it.each(['Automatic reply: Invoice', 'Out of Office: back Monday', 'Abwesend: Urlaub', 'Auto-Reply: thanks', 'Автоматический ответ: Счёт', 'Réponse automatique : absent'])(
    'recognises the subject %j',
    (subject) => expect(isAutoReplyOrOutOfOffice(message({ subject }))).toBe(true),
  );
  it.each<Record<string, string>>([{ 'auto-submitted': 'auto-replied (vacation)' }, { 'x-autoreply': 'yes' }, { 'x-autorespond': 'x' }])('recognises the headers %j', (headers) => {
    expect(isAutoReplyOrOutOfOffice(message({ headers }))).toBe(true);
  });
  it('does not flag a person writing about an absence', () => {
    expect(isAutoReplyOrOutOfOffice(message({ subject: 'Re: your out of office reply' }))).toBe(false);
    expect(isAutoReplyOrOutOfOffice(message({ headers: { 'auto-submitted': 'auto-generated' } }))).toBe(false);
  });
});
