import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { calendarParts } from '../../../src/providers/imap/calendar-parts.js';
import { formatCalendarCursor, parseCalendarCursor } from '../../../src/providers/imap/cursor.js';
import { replyTo } from '../../../src/providers/imap/ical.js';
import { imipEventId, invitationInMail } from '../../../src/providers/imap/imip.js';
import { itipMail } from '../../../src/providers/imap/itip-mail.js';

const ME = 'arta@hoxha.studio';
const ORG = 'maria@acme.com';
const NOW = new Date('2026-11-29T12:00:00Z');

function ics(method: string, extra: string[] = [], organizer = ORG): string {
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//x//EN', `METHOD:${method}`, 'BEGIN:VEVENT', 'UID:ev-1@acme.com', 'SEQUENCE:3',
    'DTSTAMP:20261129T100000Z', 'DTSTART:20261205T090000Z', 'DTEND:20261205T100000Z', 'SUMMARY:Design review',
    `ORGANIZER;CN=Maria:mailto:${organizer}`, `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`, ...extra, 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

describe('iMIP invitations', () => {
  it('finds text/calendar parts in multipart/mixed and /alternative, but not inside a forwarded message', () => {
    const parts = calendarParts({
      type: 'multipart/mixed',
      childNodes: [
        { part: '1', type: 'multipart/alternative', childNodes: [{ part: '1.1', type: 'text/plain' }, { part: '1.2', type: 'TEXT/CALENDAR', parameters: { method: 'request' } }] },
        { part: '2', type: 'message/rfc822', childNodes: [{ part: '2.1', type: 'text/calendar', parameters: { method: 'REQUEST' } }] },
      ],
    });
    expect(parts).toEqual([{ part: '1.2', method: 'REQUEST' }]);
    expect(calendarParts({ type: 'text/calendar', parameters: { method: 'REPLY' } })).toEqual([{ part: '1', method: 'REPLY' }]);
  });

  it('reads a REQUEST from its organizer, keyed by UID so a re-sent invitation is the same event', () => {
    const inv = invitationInMail(ics('REQUEST'), ME, new Set([ORG]), NOW);
    expect(inv).toMatchObject({ provider: 'imap', providerEventId: 'imip:ev-1@acme.com', iCalUID: 'ev-1@acme.com', sequence: 3, selfResponse: 'needsAction', cancelled: false, organizer: { address: ORG, name: 'Maria' } });
    expect(inv!.start).toBe('2026-12-05T09:00:00.000Z');
    expect(invitationInMail(ics('CANCEL'), ME, new Set([ORG]), NOW)?.cancelled).toBe(true);
  });

  it('ignores answers, forged organizers, unsafe organizer addresses and broken iCalendar', () => {
    expect(invitationInMail(ics('REPLY'), ME, new Set([ORG]), NOW)).toBeNull();
    expect(invitationInMail(ics('REQUEST'), ME, new Set(['someone@else.example']), NOW)).toBeNull();
    const unsafe = 'maria@acme.com,evil@x.example'; // one organizer in the header, two recipients in the envelope
    expect(invitationInMail(ics('REQUEST', [], unsafe), ME, new Set([unsafe.toLowerCase()]), NOW)).toBeNull();
    expect(invitationInMail('BEGIN:VCALENDAR\r\nnot really', ME, new Set([ORG]), NOW)).toBeNull();
    expect(invitationInMail(ics('REQUEST').replace(`mailto:${ME}`, 'mailto:other@hoxha.studio'), ME, new Set([ORG]), NOW)).toBeNull();
  });

  it('keeps odd UIDs out of the event id', () => {
    expect(imipEventId('a b\u00e9', null)).toMatch(/^imip:[0-9a-f]{64}$/);
    expect(imipEventId('ev-1', '20261205T090000Z')).toBe('imip:ev-1;20261205T090000Z');
  });

  it('answers with a REPLY that echoes UID, SEQUENCE and ORGANIZER, with the note as COMMENT', () => {
    const inv = invitationInMail(ics('REQUEST'), ME, new Set([ORG]), NOW)!;
    const root = new ICAL.Component(ICAL.parse(replyTo(inv, ME, 'TENTATIVE', 'Outside my hours.', NOW)));
    const ev = root.getFirstSubcomponent('vevent')!;
    expect(root.getFirstPropertyValue('method')).toBe('REPLY');
    expect(ev.getFirstPropertyValue('uid')).toBe('ev-1@acme.com');
    expect(ev.getFirstPropertyValue('sequence')).toBe(3);
    expect(ev.getFirstPropertyValue('organizer')).toBe(`mailto:${ORG}`);
    expect(ev.getFirstProperty('attendee')!.getParameter('partstat')).toBe('TENTATIVE');
    expect(ev.getFirstPropertyValue('comment')).toBe('Outside my hours.');
  });

  it('the answer mail has a stable Message-ID, a clean subject, and refuses an unsafe organizer', async () => {
    const inv = { ...invitationInMail(ics('REQUEST'), ME, new Set([ORG]), NOW)!, subject: 'Review\r\nBcc: evil@x.example' };
    const a = await itipMail(ME, inv, 'declined', 'No.', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', 'REPLY');
    const b = await itipMail(ME, inv, 'declined', 'No.', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', 'REPLY');
    expect(a!.messageId).toBe(b!.messageId);
    expect(a!.mime).toMatch(/^Subject: Declined: Review Bcc: evil@x\.example\r$/m);
    expect(a!.mime).not.toMatch(/^Bcc:/m);
    expect(a!.mime).toMatch(/^Auto-Submitted: auto-replied\r$/m);
    expect(await itipMail(ME, { ...inv, organizer: { address: 'not an address' } }, 'declined', 'No.', '', 'REPLY')).toBeNull();
  });

  it('the calendar cursor round-trips, and an earlier form reads as expired', () => {
    const c = { mail: 'imap1.7.12.0', dav: 'http://radicale.org/ns/sync/abc' };
    expect(parseCalendarCursor(formatCalendarCursor(c))).toEqual(c);
    expect(() => parseCalendarCursor('caldav-none')).toThrow(expect.objectContaining({ kind: 'cursor_expired' }));
    expect(() => parseCalendarCursor(JSON.stringify({ v: 'cal1', mail: 'nope', dav: null }))).toThrow(expect.objectContaining({ kind: 'cursor_expired' }));
  });
});
