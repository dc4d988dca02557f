import { randomUUID } from 'node:crypto';
import type { calendar_v3 } from 'googleapis';
import type { CalendarTimeOff } from '../../domain/hours/index.js';
import type { AttendeeResponse, BusyInterval, InvitationMeta } from '../../domain/message.js';
import { ProviderError, type CalendarChanges, type CalendarProvider, type CallGate, type InvitationAnswer, type WatchInfo } from '../types.js';
import { callGoogle } from './errors.js';

/** Google Calendar v3 half of the provider: sync tokens, attendee answers, free/busy, watch channels. */

export interface GoogleCalendarOptions {
  calendar: calendar_v3.Calendar;
  now: () => Date;
  /** Public https URL Google posts channel notifications to. */
  webhookUrl?: string;
  /** Echoed back in X-Goog-Channel-Token so the webhook can verify the sender. */
  channelToken?: string;
  /** How far back the initial full sync looks. */
  lookBackMs?: number;
  gate?: CallGate;
}

const RESPONSES: AttendeeResponse[] = ['needsAction', 'accepted', 'tentative', 'declined'];
const asResponse = (s: string | null | undefined): AttendeeResponse => RESPONSES.find((r) => r === s) ?? 'needsAction';

function instant(t: calendar_v3.Schema$EventDateTime | undefined): string {
  // All-day events carry a date only; we anchor it at UTC midnight and flag isAllDay.
  const v = t?.dateTime ?? (t?.date ? `${t.date}T00:00:00Z` : undefined);
  return v ? new Date(v).toISOString() : '';
}

/**
 * Events where the user is a (non-organizer) attendee, plus cancellations, which may arrive stripped
 * to id + status. The domain decides what to do from selfResponse and cancelled.
 */
export function toInvitation(e: calendar_v3.Schema$Event): InvitationMeta | undefined {
  if (!e.id) return undefined;
  const cancelled = e.status === 'cancelled';
  const self = e.attendees?.find((a) => a.self);
  if (!cancelled && (!self || e.organizer?.self)) return undefined;
  return {
    provider: 'google',
    providerEventId: e.id,
    iCalUID: e.iCalUID ?? null,
    subject: e.summary ?? '',
    organizer: e.organizer?.email ? { ...(e.organizer.displayName ? { name: e.organizer.displayName } : {}), address: e.organizer.email.toLowerCase() } : null,
    start: instant(e.start),
    end: instant(e.end),
    timeZone: e.start?.timeZone ?? null,
    isAllDay: Boolean(e.start?.date && !e.start.dateTime),
    selfResponse: asResponse(self?.responseStatus),
    // Google has no proposal API; proposals travel in the attendee comment, so they are always possible.
    allowNewTimeProposals: true,
    cancelled,
    ...(e.etag ? { etag: e.etag } : {}),
    updatedAt: e.updated ?? '',
  };
}

/** Google's own out-of-office type (events.list eventTypes); its all-day form carries dates. */
export function toTimeOff(e: calendar_v3.Schema$Event): CalendarTimeOff | undefined {
  if (!e.id || e.status === 'cancelled' || e.eventType !== 'outOfOffice') return undefined;
  if (e.start?.date && e.end?.date) return { eventId: e.id, allDay: true, start: e.start.date, end: e.end.date };
  const start = instant(e.start);
  const end = instant(e.end);
  return start && end && e.start?.dateTime && e.end?.dateTime ? { eventId: e.id, allDay: false, start, end } : undefined;
}

function timeOffOf(events: calendar_v3.Schema$Event[]): NonNullable<CalendarChanges['timeOff']> {
  const current: CalendarTimeOff[] = [];
  const gone: string[] = [];
  for (const e of events) {
    const off = toTimeOff(e);
    if (off) current.push(off);
    else if (e.id) gone.push(e.id);
  }
  return { current, gone };
}

export function googleCalendar(o: GoogleCalendarOptions): CalendarProvider {
  const { calendar, now } = o;
  const call = <T>(what: string, fn: () => Promise<T>) => callGoogle(now, `Calendar ${what}`, fn, o.gate);

  /** Pages events.list to the end; nextSyncToken only comes on the last page. */
  async function sync(params: calendar_v3.Params$Resource$Events$List): Promise<{ events: calendar_v3.Schema$Event[]; token: string }> {
    const events: calendar_v3.Schema$Event[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const res = await call('events.list', () => calendar.events.list({ ...params, calendarId: 'primary', singleEvents: true, maxResults: 250, pageToken }));
      events.push(...(res.data.items ?? []));
      pageToken = res.data.nextPageToken ?? undefined;
      if (!pageToken) {
        if (!res.data.nextSyncToken) throw new ProviderError('transient', 'Calendar events.list ended without nextSyncToken');
        return { events, token: res.data.nextSyncToken };
      }
    }
  }

  const self: CalendarProvider = {
    async calendarBaseline(): Promise<string> {
      const timeMin = new Date(now().getTime() - (o.lookBackMs ?? 86_400_000)).toISOString();
      return (await sync({ timeMin, showDeleted: false })).token;
    },

    async calendarChangesSince(cursor: string): Promise<CalendarChanges> {
      if (!cursor) throw new ProviderError('permanent', 'calendar cursor (sync token) is empty');
      // syncToken must not be combined with timeMin/timeMax/q/orderBy/updatedMin/iCalUID (400). 410 → cursor_expired.
      const { events, token } = await sync({ syncToken: cursor });
      return { invitations: events.map(toInvitation).filter((i): i is InvitationMeta => i !== undefined), cursor: token, timeOff: timeOffOf(events) };
    },

    async timeOffBetween(from: string, to: string): Promise<CalendarTimeOff[]> {
      const out: CalendarTimeOff[] = [];
      let pageToken: string | undefined;
      do {
        const res = await call('events.list', () => calendar.events.list({
          calendarId: 'primary', eventTypes: ['outOfOffice'], timeMin: from, timeMax: to, singleEvents: true, maxResults: 250, pageToken,
        }));
        for (const e of res.data.items ?? []) {
          const off = toTimeOff(e);
          if (off) out.push(off);
        }
        pageToken = res.data.nextPageToken ?? undefined;
      } while (pageToken);
      return out;
    },

    async startCalendarWatch(): Promise<WatchInfo> {
      if (!o.webhookUrl) throw new ProviderError('permanent', 'startCalendarWatch: no calendarWebhookUrl configured');
      const res = await call('events.watch', () => calendar.events.watch({
        calendarId: 'primary',
        requestBody: { id: randomUUID(), type: 'web_hook', address: o.webhookUrl, ...(o.channelToken ? { token: o.channelToken } : {}) },
      }));
      if (!res.data.id || !res.data.resourceId) throw new ProviderError('transient', 'Calendar events.watch returned no channel id');
      const expiration = Number(res.data.expiration);
      const expiresAt = new Date(Number.isFinite(expiration) ? expiration : now().getTime() + 7 * 86_400_000).toISOString();
      return { id: res.data.id, expiresAt, resource: res.data.resourceId };
    },

    // Google channels can't be extended: open the new one before the old is closed (duplicates are harmless).
    renewCalendarWatch: () => self.startCalendarWatch(),

    async stopCalendarWatch(current: WatchInfo): Promise<void> {
      if (!current.resource) throw new ProviderError('permanent', 'stopCalendarWatch: WatchInfo.resource (resourceId) is missing');
      await call('channels.stop', () => calendar.channels.stop({ requestBody: { id: current.id, resourceId: current.resource } }));
    },

    async answerInvitation(invitation, answer: InvitationAnswer, comment, proposal): Promise<void> {
      // Read the current copy: the attendees array is replaced as a whole, and its etag guards the patch (412).
      const { data: event } = await call('events.get', () => calendar.events.get({ calendarId: 'primary', eventId: invitation.providerEventId }));
      const attendees = event.attendees ?? [];
      if (!attendees.some((a) => a.self)) throw new ProviderError('permanent', `event ${invitation.providerEventId} has no self attendee to answer for`);
      const text = proposal ? `${comment}\nProposed new time: ${proposal.start} – ${proposal.end}` : comment;
      await call('events.patch', () => calendar.events.patch({
        calendarId: 'primary', eventId: invitation.providerEventId, sendUpdates: 'all',
        requestBody: { attendees: attendees.map((a) => (a.self ? { ...a, responseStatus: answer, comment: text } : a)) },
      }, event.etag ? { headers: { 'If-Match': event.etag } } : {}));
    },

    async freeBusy(from: string, to: string): Promise<BusyInterval[]> {
      if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
        throw new ProviderError('permanent', `freeBusy needs ISO instants, got "${from}" and "${to}"`);
      }
      const res = await call('freeBusy.query', () => calendar.freebusy.query({
        requestBody: { timeMin: new Date(from).toISOString(), timeMax: new Date(to).toISOString(), items: [{ id: 'primary' }] },
      }));
      const primary = res.data.calendars?.primary;
      if (primary?.errors?.length) throw new ProviderError('transient', `Calendar freeBusy: ${primary.errors.map((e) => e.reason).join(', ')}`);
      return (primary?.busy ?? []).filter((b) => b.start && b.end).map((b) => ({ start: new Date(b.start!).toISOString(), end: new Date(b.end!).toISOString() }));
    },
  };
  return self;
}
