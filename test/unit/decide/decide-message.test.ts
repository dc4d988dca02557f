import { describe, expect, it } from 'vitest';
import { decideMessage } from '../../../src/domain/decide-message.js';
import { matchClient } from '../../../src/domain/clients.js';
import { AFTER_HOURS, NOW, WITHIN_HOURS, message, settings, settingsWith } from '../../fixtures/build.js';

const decide = (m = message(), s = settings, history = {}, now = NOW) => decideMessage(m, s, history, now);

describe('decideMessage categories', () => {
  it.each([
    ['2025-11-25T18:40:00Z', 'after-hours'], // Tue 19:40 Tirana
    ['2025-11-22T10:00:00Z', 'weekend'], // Saturday
    ['2025-11-28T09:00:00Z', 'holiday'], // Dita e Pavarësisë
    ['2025-11-20T10:00:00Z', 'vacation'],
  ] as const)('%s → auto-reply, %s', (receivedAt, category) => {
    const d = decide(message({ receivedAt }));
    expect(d.action).toBe('auto-reply');
    expect(d.category).toBe(category);
    expect(d.reasons[0]!.code).toBe(category);
    expect(d.reply?.subject).toBe('Re: Question about the proposal');
  });

  it('within hours → none, within-hours', () => {
    const d = decide(message({ receivedAt: WITHIN_HOURS }));
    expect(d).toMatchObject({ action: 'none', category: 'within-hours', reasons: [{ code: 'within-hours' }] });
    expect(d.reply).toBeUndefined();
  });

  it('the category comes from receivedAt, not from now', () => {
    expect(decide(message({ receivedAt: WITHIN_HOURS }), settings, {}, NOW.plus({ hours: 12 })).category).toBe('within-hours');
  });

  it('a blocked message still reports its category and client', () => {
    const d = decide(message({ headers: { precedence: 'bulk' } }));
    expect(d).toMatchObject({ action: 'none', category: 'after-hours', client: { name: 'Nadia Client' }, reasons: [{ code: 'precedence-bulk' }] });
  });

  it('an invitation by mail is left to the invitation policy, unless that policy only notifies', () => {
    const invitation = message({ calendarMethod: 'REQUEST' });
    expect(decide(invitation, settingsWith({ invitationPolicy: 'tentative-with-note' }))).toMatchObject({ action: 'none', category: 'after-hours', reasons: [{ code: 'invitation-answered' }] });
    expect(decide(invitation, settingsWith({ invitationPolicy: 'notify-only' })).action).toBe('auto-reply');
  });

  it('rejects an unreadable receivedAt by name', () => {
    expect(() => decide(message({ receivedAt: 'yesterday' }))).toThrow(/receivedAt/);
  });
});

describe('decideMessage clients', () => {
  it('a VIP after hours → notify-only, vip', () => {
    const d = decide(message({ from: { address: 'cfo@bigbank.example' } }));
    expect(d).toMatchObject({ action: 'notify-only', client: { name: 'Big Bank', id: 'bigbank' }, reasons: [{ code: 'vip' }] });
  });
  it('a VIP within hours → none', () => {
    expect(decide(message({ from: { address: 'cfo@bigbank.example' }, receivedAt: WITHIN_HOURS })).action).toBe('none');
  });
  it('auto-reply off → notify-only, auto-reply-off', () => {
    expect(decide(message({ from: { address: 'ceo@quiet.example' } })).reasons[0]!.code).toBe('auto-reply-off');
    expect(decide(message({ from: { address: 'ceo@quiet.example' } })).action).toBe('notify-only');
  });
  it('listed mode: an unknown sender → none, not-a-client; a listed one gets a reply', () => {
    const listed = settingsWith({ clientMode: 'listed' });
    expect(decide(message(), listed)).toMatchObject({ action: 'none', client: null, reasons: [{ code: 'not-a-client' }] });
    expect(decide(message({ from: { address: 'maria@acme.com' } }), listed).action).toBe('auto-reply');
  });
  it('external mode: a colleague in an own domain → none, own-domain', () => {
    expect(decide(message({ from: { address: 'blerta@hoxha.studio' } })).reasons[0]!.code).toBe('own-domain');
    expect(decide(message({ from: { address: 'blerta@eu.hoxha.studio' } })).reasons[0]!.code).toBe('own-domain');
  });
  it('matches by exact address before domain, and subdomains to their parent domain', () => {
    const s = settingsWith({
      clients: [
        { name: 'Acme', domains: ['acme.com'] },
        { name: 'Acme CEO', addresses: ['ceo@acme.com'], vip: true },
      ],
    });
    expect(matchClient('CEO@acme.com', s)?.name).toBe('Acme CEO');
    expect(matchClient('x@billing.eu.acme.com', s)?.name).toBe('Acme');
    expect(matchClient('x@notacme.com', s)?.name).toBe('x@notacme.com'); // implicit in external mode
    expect(matchClient({ name: 'Zed', address: 'z@other.example' }, s)?.name).toBe('Zed');
    expect(matchClient('arta@hoxha.studio', s)).toBeNull();
  });
});

describe('decideMessage history and backlog', () => {
  it('already replied to this sender within the window → none', () => {
    const d = decide(message(), settings, { lastReplyToSenderAt: NOW.minus({ days: 3 }).toISO()! });
    expect(d.reasons[0]!.code).toBe('already-replied-to-sender');
  });
  it('a reply older than the window does not block', () => {
    expect(decide(message(), settings, { lastReplyToSenderAt: NOW.minus({ days: 4, minutes: 1 }).toISO()! }).action).toBe('auto-reply');
  });
  it('the window length comes from settings', () => {
    const s = settingsWith({ replyWindowDays: 10 });
    expect(decide(message(), s, { lastReplyToSenderAt: NOW.minus({ days: 9 }).toISO()! }).reasons[0]!.code).toBe('already-replied-to-sender');
  });
  it('already replied in this thread within the window → none', () => {
    expect(decide(message(), settings, { lastReplyInThreadAt: NOW.minus({ hours: 2 }).toISO()! }).reasons[0]!.code).toBe('already-replied-in-thread');
  });
  it('an already decided message → none', () => {
    expect(decide(message(), settings, { alreadyDecided: true }).reasons[0]!.code).toBe('already-decided');
  });
  it('backlog: older than backlogCutoffHours → none, backlog', () => {
    const s = settingsWith({ backlogCutoffHours: 12 });
    const received = NOW.minus({ hours: 12, minutes: 1 }).toISO()!;
    expect(decide(message({ receivedAt: received }), s).reasons[0]!.code).toBe('backlog');
    expect(decide(message({ receivedAt: NOW.minus({ hours: 11 }).toISO()! }), s).reasons[0]!.code).not.toBe('backlog');
  });
  it('the reply is composed lazily but is part of the serialized decision', () => {
    const d = decide(message({ receivedAt: AFTER_HOURS }));
    const json = JSON.parse(JSON.stringify(d)) as { reply: { to: { address: string } } };
    expect(json.reply.to.address).toBe('nadia@client.example');
    expect(d.reply).toBe(d.reply); // composed once
  });
});
