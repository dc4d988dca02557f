import { createDAVClient, type DAVCalendar } from 'tsdav';
import type { BusyInterval, InvitationMeta } from '../../domain/message.js';
import { ProviderError, type CalendarChanges, type InvitationAnswer } from '../types.js';
import { answered, busyIntervals, invitationOf, uidsOf } from './ical.js';
import { PARTSTAT } from './itip-mail.js';
import type { ImapAccess } from './settings.js';

/**
 * The user's CalDAV calendar (tsdav). Changes come from WebDAV sync (RFC 6578): the cursor is the
 * calendar's sync-token, and a token the server no longer knows is cursor_expired.
 */

type Dav = Awaited<ReturnType<typeof createDAVClient>>;

function davError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const text = (err as Error)?.message ?? String(err);
  if (/401|unauthori[sz]ed|invalid credentials/i.test(text)) return new ProviderError('auth_revoked', 'The CalDAV server refused the password', undefined, { cause: err });
  return new ProviderError('transient', `The CalDAV server: ${text}`, undefined, { cause: err });
}

export interface CalDavCalendar {
  dav: Dav;
  calendar: DAVCalendar;
}

export async function openCalendar(access: ImapAccess): Promise<CalDavCalendar> {
  if (!access.servers.caldav) throw new ProviderError('permanent', 'No CalDAV server is set for this mailbox');
  try {
    const dav = await createDAVClient({ serverUrl: access.servers.caldav, credentials: { username: access.username, password: access.password }, authMethod: 'Basic', defaultAccountType: 'caldav' });
    const calendars = await dav.fetchCalendars();
    const calendar = calendars.find((c) => !c.components || c.components.includes('VEVENT'));
    if (!calendar) throw new ProviderError('permanent', 'The CalDAV account has no calendar for events');
    return { dav, calendar };
  } catch (err) {
    throw davError(err);
  }
}

export async function calendarBaseline(access: ImapAccess): Promise<string> {
  const { calendar } = await openCalendar(access);
  if (!calendar.syncToken) throw new ProviderError('permanent', 'The CalDAV server does not offer sync tokens (RFC 6578)');
  return calendar.syncToken;
}

export async function calendarChangesSince(access: ImapAccess, cursor: string, now: Date): Promise<CalendarChanges> {
  const { dav, calendar } = await openCalendar(access);
  try {
    const result = await dav.syncCollection({ url: calendar.url, props: { 'd:getetag': {} }, syncLevel: 1, syncToken: cursor });
    const failed = result.find((r) => r.status >= 400 && !(r.status === 404 && r.href?.endsWith('.ics')));
    if (failed) {
      if ([400, 403, 409].includes(failed.status)) throw new ProviderError('cursor_expired', `the CalDAV sync token is no longer valid (${failed.status})`);
      throw new ProviderError('transient', `CalDAV sync answered ${failed.status}`);
    }
    const urls = result.filter((r) => r.status < 400 && r.href?.endsWith('.ics')).map((r) => r.href!);
    const objects = urls.length ? await dav.fetchCalendarObjects({ calendar, objectUrls: urls, useMultiGet: true }) : [];
    const invitations: InvitationMeta[] = [];
    for (const o of objects) {
      const inv = o.data ? invitationOf(String(o.data), access.address, decodeURIComponent(new URL(o.url, calendar.url).pathname), o.etag, now) : null;
      if (inv && inv.organizer?.address !== access.address.toLowerCase()) invitations.push(inv);
    }
    return { invitations, cursor: calendar.syncToken ?? cursor };
  } catch (err) {
    throw davError(err);
  }
}

/** Writes the answer into the user's copy; returns the iTIP message for the organizer. */
export async function recordAnswer(access: ImapAccess, invitation: InvitationMeta, answer: InvitationAnswer, comment: string, now: Date, proposal?: { start: string; end: string }) {
  const { dav, calendar } = await openCalendar(access);
  try {
    const url = new URL(invitation.providerEventId, calendar.url).toString();
    const [object] = await dav.fetchCalendarObjects({ calendar, objectUrls: [url], useMultiGet: true });
    if (!object?.data) throw new ProviderError('not_found', 'the invitation is no longer in the calendar');
    const result = answered(String(object.data), access.address, PARTSTAT[answer], comment, now, proposal);
    const res = await dav.updateCalendarObject({ calendarObject: { url, data: result.copy, ...(object.etag ? { etag: object.etag } : {}) } });
    if (!res.ok) throw new ProviderError(res.status === 412 ? 'transient' : 'permanent', `CalDAV refused the answer (${res.status})`);
    return result;
  } catch (err) {
    throw davError(err);
  }
}

export async function freeBusy(access: ImapAccess, from: string, to: string): Promise<BusyInterval[]> {
  const { dav, calendar } = await openCalendar(access);
  try {
    const objects = await dav.fetchCalendarObjects({ calendar, timeRange: { start: from, end: to } });
    return busyIntervals(objects.map((o) => String(o.data ?? '')).filter(Boolean), access.address, new Date(from), new Date(to));
  } catch (err) {
    throw davError(err);
  }
}

/**
 * UIDs the CalDAV calendar already holds between `from` and `to`. A server that schedules for
 * its users (RFC 6638) files a mailed invitation in the calendar too; that copy is the one read.
 */
export async function heldUids(access: ImapAccess, from: string, to: string): Promise<Set<string>> {
  const { dav, calendar } = await openCalendar(access);
  try {
    const objects = await dav.fetchCalendarObjects({ calendar, timeRange: { start: from, end: to } });
    return uidsOf(objects.map((o) => String(o.data ?? '')).filter(Boolean));
  } catch (err) {
    throw davError(err);
  }
}
