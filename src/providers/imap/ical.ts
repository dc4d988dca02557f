import ICAL from 'ical.js';
import type { AttendeeResponse, BusyInterval, InvitationMeta } from '../../domain/message.js';

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
    ...(etag ? { etag } : {}),
    updatedAt: (vevent.getFirstPropertyValue('last-modified') as ICAL.Time | null)?.toJSDate().toISOString() ?? now.toISOString(),
  };
}

/** The user's copy with their answer written in, and the iTIP REPLY (RFC 5546 §3.2.3) for the organizer. */
export function answered(ics: string, self: string, partstat: 'ACCEPTED' | 'TENTATIVE' | 'DECLINED', comment: string, now: Date, proposal?: { start: string; end: string }): { copy: string; reply: string; method: 'REPLY' | 'COUNTER' } {
  const root = new ICAL.Component(ICAL.parse(ics));
  const vevent = root.getFirstSubcomponent('vevent')!;
  selfAttendee(vevent, self)?.setParameter('partstat', partstat);
  const copy = root.toString();

  const method = proposal ? 'COUNTER' : 'REPLY';
  const out = new ICAL.Component(['vcalendar', [], []]);
  out.addPropertyWithValue('prodid', '-//Boundary//iTIP//EN');
  out.addPropertyWithValue('version', '2.0');
  out.addPropertyWithValue('method', method);
  const ev = new ICAL.Component('vevent');
  for (const name of ['uid', 'sequence', 'organizer', 'summary', 'recurrence-id']) {
    const p = vevent.getFirstProperty(name);
    if (p) ev.addProperty(ICAL.Property.fromString(p.toICALString()));
  }
  ev.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(now, true));
  if (proposal) {
    ev.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(proposal.start), true));
    ev.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(proposal.end), true));
  } else {
    for (const name of ['dtstart', 'dtend', 'duration']) {
      const p = vevent.getFirstProperty(name);
      if (p) ev.addProperty(ICAL.Property.fromString(p.toICALString()));
    }
  }
  const attendee = new ICAL.Property('attendee');
  attendee.setParameter('partstat', partstat);
  attendee.setValue(`mailto:${self}`);
  ev.addProperty(attendee);
  if (comment) ev.addPropertyWithValue('comment', comment);
  out.addSubcomponent(ev);
  return { copy, reply: out.toString(), method };
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
