import ICAL from 'ical.js';
import type { AttendeeResponse, BusyInterval, InvitationMeta } from '../../domain/message.js';
import { ProviderError } from '../types.js';

/** iCalendar (RFC 5545) in and out, through ical.js. */

const PARTSTAT: Record<string, AttendeeResponse> = { 'NEEDS-ACTION': 'needsAction', ACCEPTED: 'accepted', TENTATIVE: 'tentative', DECLINED: 'declined' };
const mailto = (v: unknown) => String(v ?? '').replace(/^mailto:/i, '').toLowerCase();

function selfAttendee(event: ICAL.Component, self: string): ICAL.Property | undefined {
  return event.getAllProperties('attendee').find((p) => mailto(p.getFirstValue()) === self.toLowerCase());
}

/** The invitation in one calendar object, when the user is among its attendees. */
export function invitationOf(ics: string, self: string, providerEventId: string, etag: string | undefined, now: Date): InvitationMeta | null {
  const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent');
  if (!vevent) return null;
  const me = selfAttendee(vevent, self);
  if (!me) return null;
  const event = new ICAL.Event(vevent);
  const organizer = vevent.getFirstProperty('organizer');
  const cn = organizer?.getParameter('cn');
  const start = event.startDate;
  return {
    provider: 'imap',
    providerEventId,
    iCalUID: event.uid ?? null,
    subject: event.summary ?? '',
    organizer: organizer ? { address: mailto(organizer.getFirstValue()), ...(typeof cn === 'string' ? { name: cn } : {}) } : null,
    start: start.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    timeZone: start.zone && start.zone.tzid !== 'floating' && start.zone.tzid !== 'UTC' ? start.zone.tzid : null,
    isAllDay: start.isDate,
    selfResponse: PARTSTAT[String(me.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase()] ?? 'needsAction',
    allowNewTimeProposals: String(vevent.getFirstPropertyValue('x-microsoft-disallow-counter') ?? '').toUpperCase() !== 'TRUE',
    cancelled: String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED',
    sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0) || 0,
    ...(etag ? { etag } : {}),
    updatedAt: (vevent.getFirstPropertyValue('last-modified') as ICAL.Time | null)?.toJSDate().toISOString() ?? now.toISOString(),
  };
}

type Partstat = 'ACCEPTED' | 'TENTATIVE' | 'DECLINED';

/**
 * An iTIP answer (RFC 5546 §3.2.3 REPLY, §3.2.7 COUNTER): the event's identity from `identify`,
 * then the attendee's PARTSTAT and the note as COMMENT.
 */
function itip(method: 'REPLY' | 'COUNTER', identify: (ev: ICAL.Component) => void, self: string, partstat: Partstat, comment: string, now: Date): string {
  const out = new ICAL.Component(['vcalendar', [], []]);
  out.addPropertyWithValue('prodid', '-//Boundary//iTIP//EN');
  out.addPropertyWithValue('version', '2.0');
  out.addPropertyWithValue('method', method);
  const ev = new ICAL.Component('vevent');
  identify(ev);
  ev.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(now, true));
  const attendee = new ICAL.Property('attendee');
  attendee.setParameter('partstat', partstat);
  attendee.setValue(`mailto:${self}`);
  ev.addProperty(attendee);
  if (comment) ev.addPropertyWithValue('comment', comment);
  out.addSubcomponent(ev);
  return out.toString();
}

/** The user's copy with their answer written in, and the iTIP message for the organizer. */
export function answered(ics: string, self: string, partstat: Partstat, comment: string, now: Date, proposal?: { start: string; end: string }): { copy: string; reply: string; method: 'REPLY' | 'COUNTER' } {
  const root = new ICAL.Component(ICAL.parse(ics));
  const vevent = root.getFirstSubcomponent('vevent')!;
  selfAttendee(vevent, self)?.setParameter('partstat', partstat);
  const copy = root.toString();
  const method = proposal ? 'COUNTER' : 'REPLY';
  const copied = (ev: ICAL.Component, names: string[]) => {
    for (const name of names) {
      const p = vevent.getFirstProperty(name);
      if (p) ev.addProperty(ICAL.Property.fromString(p.toICALString()));
    }
  };
  const reply = itip(method, (ev) => {
    copied(ev, ['uid', 'sequence', 'organizer', 'summary', 'recurrence-id']);
    if (!proposal) return copied(ev, ['dtstart', 'dtend', 'duration']);
    ev.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(proposal.start), true));
    ev.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(proposal.end), true));
  }, self, partstat, comment, now);
  return { copy, reply, method };
}

/**
 * The iTIP REPLY to an invitation that came by mail (iMIP): there is no calendar copy to read
 * back, so the identity the organizer matches on (UID, SEQUENCE, ORGANIZER) comes from what was
 * kept of the invitation.
 */
export function replyTo(invitation: InvitationMeta, self: string, partstat: Partstat, comment: string, now: Date): string {
  if (!invitation.iCalUID || !invitation.organizer) throw new ProviderError('permanent', 'an invitation without UID or organizer cannot be answered by mail');
  const { iCalUID, organizer } = invitation;
  return itip('REPLY', (ev) => {
    ev.addPropertyWithValue('uid', iCalUID);
    ev.addPropertyWithValue('sequence', invitation.sequence ?? 0);
    const org = new ICAL.Property('organizer');
    if (organizer.name) org.setParameter('cn', organizer.name);
    org.setValue(`mailto:${organizer.address}`);
    ev.addProperty(org);
    ev.addPropertyWithValue('summary', invitation.subject);
    ev.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(invitation.start), true));
    ev.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(invitation.end), true));
  }, self, partstat, comment, now);
}

/** Busy time in [from, to): opaque, not cancelled, not declined by the user; recurrences expanded. */
export function busyIntervals(objects: string[], self: string, from: Date, to: Date): BusyInterval[] {
  const out: BusyInterval[] = [];
  for (const ics of objects) {
    for (const vevent of new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent')) {
      if (vevent.hasProperty('recurrence-id')) continue; // exceptions are read through their master
      if (String(vevent.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT') continue;
      if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
      if (String(selfAttendee(vevent, self)?.getParameter('partstat') ?? '').toUpperCase() === 'DECLINED') continue;
      const event = new ICAL.Event(vevent);
      const length = event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime();
      const it = event.iterator();
      for (let next = it.next(), guard = 0; next && guard < 1000; next = it.next(), guard++) {
        const s = next.toJSDate();
        if (s >= to) break;
        const e = new Date(s.getTime() + length);
        if (e > from) out.push({ start: s.toISOString(), end: e.toISOString() });
      }
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

/** The event UIDs in calendar objects. */
export function uidsOf(objects: string[]): Set<string> {
  const out = new Set<string>();
  for (const ics of objects) {
    for (const vevent of new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent')) {
      const uid = vevent.getFirstPropertyValue('uid');
      if (uid) out.add(String(uid));
    }
  }
  return out;
}
