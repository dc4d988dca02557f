import type { Client } from '@microsoft/microsoft-graph-client';
import { DateTime } from 'luxon';
import type { CalendarTimeOff } from '../../domain/hours/index.js';
import type { AttendeeResponse, BusyInterval, InvitationMeta } from '../../domain/message.js';
import { windowsToIana } from './windows-zones.js';
import { ProviderError, type CalendarChanges, type InvitationAnswer } from '../types.js';
import { graphCall } from './errors.js';

/** Outlook calendar over Graph: calendarView delta → invitations, answers, free/busy. */

const DAY = 86_400_000;
const WINDOW_BEFORE_MS = DAY;
const WINDOW_AFTER_MS = 180 * DAY;
// calendarView delta accepts no $select/$filter; times are asked for in UTC (Prefer header).
const PREFER = 'odata.maxpagesize=100, outlook.timezone="UTC"';

interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

interface GraphEventJson {
  id: string;
  '@removed'?: { reason: string };
  '@odata.etag'?: string;
  iCalUId?: string;
  subject?: string | null;
  isOrganizer?: boolean;
  isCancelled?: boolean;
  isAllDay?: boolean;
  showAs?: string;
  organizer?: { emailAddress?: { name?: string; address?: string } };
  responseStatus?: { response?: string };
  allowNewTimeProposals?: boolean;
  originalStartTimeZone?: string;
  start?: DateTimeTimeZone;
  end?: DateTimeTimeZone;
  lastModifiedDateTime?: string;
}

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** Graph dateTimeTimeZone (zone may be UTC, IANA or a Windows name) → ISO instant. */
export function toInstant(v: DateTimeTimeZone): string {
  let zone = v.timeZone;
  if (zone !== 'UTC' && !zone.includes('/')) zone = windowsToIana(zone);
  const dt = DateTime.fromISO(v.dateTime, { zone });
  if (!dt.isValid) throw new ProviderError('permanent', `unreadable Graph date-time ${v.dateTime} ${v.timeZone}`);
  return dt.toUTC().toISO()!;
}

const utcWall = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm:ss");

const SELF: Record<string, AttendeeResponse> = {
  none: 'needsAction',
  notResponded: 'needsAction',
  accepted: 'accepted',
  tentativelyAccepted: 'tentative',
  declined: 'declined',
};

function ianaOrNull(windowsName: string | undefined): string | null {
  if (!windowsName) return null;
  try {
    return windowsName.includes('/') ? windowsName : windowsToIana(windowsName);
  } catch {
    return null; // vendor data we cannot place; the invitation is still usable in UTC
  }
}

function mapEvent(e: GraphEventJson): InvitationMeta | null {
  const self = SELF[e.responseStatus?.response ?? 'none'];
  // Invitations are events someone else organizes that still await our answer (or got cancelled).
  if (e.isOrganizer || !self || !e.start || !e.end) return null;
  if (self !== 'needsAction' && !e.isCancelled) return null;
  const address = e.organizer?.emailAddress?.address?.toLowerCase();
  const name = e.organizer?.emailAddress?.name;
  return {
    provider: 'microsoft',
    providerEventId: e.id,
    iCalUID: e.iCalUId ?? null,
    subject: e.subject ?? '',
    organizer: address ? (name && name.toLowerCase() !== address ? { name, address } : { address }) : null,
    start: toInstant(e.start),
    end: toInstant(e.end),
    timeZone: ianaOrNull(e.originalStartTimeZone),
    isAllDay: e.isAllDay ?? false,
    selfResponse: self,
    allowNewTimeProposals: e.allowNewTimeProposals ?? false,
    cancelled: e.isCancelled ?? false,
    ...(e['@odata.etag'] ? { etag: e['@odata.etag'] } : {}),
    updatedAt: e.lastModifiedDateTime ?? new Date(0).toISOString(),
  };
}

/**
 * An event shown as out of office (showAs "oof"). All-day events are floating dates: Graph
 * writes them as midnight to midnight whatever zone was asked for, so only the dates are read.
 */
export function toTimeOff(e: GraphEventJson): CalendarTimeOff | null {
  if (e['@removed'] || e.isCancelled || e.showAs !== 'oof' || !e.start || !e.end) return null;
  if (e.isAllDay) return { eventId: e.id, allDay: true, start: e.start.dateTime.slice(0, 10), end: e.end.dateTime.slice(0, 10) };
  return { eventId: e.id, allDay: false, start: toInstant(e.start), end: toInstant(e.end) };
}

const ACTIONS: Record<InvitationAnswer, string> = { accepted: 'accept', tentative: 'tentativelyAccept', declined: 'decline' };

export class OutlookCalendar {
  constructor(
    private readonly client: Client,
    private readonly now: () => Date,
    private readonly userAddress: () => Promise<string>,
  ) {}

  async calendarBaseline(): Promise<string> {
    const t = this.now().getTime();
    const start = new Date(t - WINDOW_BEFORE_MS).toISOString();
    const end = new Date(t + WINDOW_AFTER_MS).toISOString();
    return (await this.follow(`/me/calendarView/delta?startDateTime=${start}&endDateTime=${end}`, 'calendar baseline')).cursor;
  }

  calendarChangesSince(cursor: string): Promise<CalendarChanges> {
    if (!/^https:\/\/.+\/calendarView\/delta\?/.test(cursor)) throw new ProviderError('permanent', 'calendar cursor is not a Graph calendarView deltaLink');
    return this.follow(cursor, 'calendar changes');
  }

  /**
   * @removed events carry only an id: no invitation, but whatever time off they were is gone.
   * Cancellations arrive as isCancelled updates.
   */
  private async follow(start: string, what: string): Promise<CalendarChanges> {
    const invitations: InvitationMeta[] = [];
    const timeOff = { current: [] as CalendarTimeOff[], gone: [] as string[] };
    let url = start;
    for (;;) {
      const page = (await graphCall(what, this.now, () => this.client.api(url).header('Prefer', PREFER).get())) as Page<GraphEventJson>;
      for (const e of page.value) {
        const inv = e['@removed'] ? null : mapEvent(e);
        if (inv) invitations.push(inv);
        const off = toTimeOff(e);
        if (off) timeOff.current.push(off);
        else timeOff.gone.push(e.id);
      }
      if (page['@odata.nextLink']) url = page['@odata.nextLink'];
      else if (page['@odata.deltaLink']) return { invitations, cursor: page['@odata.deltaLink'], timeOff };
      else throw new ProviderError('transient', `${what}: delta page had neither nextLink nor deltaLink`);
    }
  }

  /** calendarView (not delta, which refuses $select) expands recurring series into occurrences. */
  async timeOffBetween(from: string, to: string): Promise<CalendarTimeOff[]> {
    if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw new ProviderError('permanent', `timeOffBetween: "${from}".."${to}" are not ISO 8601 instants`);
    const out: CalendarTimeOff[] = [];
    let url = `/me/calendarView?startDateTime=${new Date(from).toISOString()}&endDateTime=${new Date(to).toISOString()}&$select=id,showAs,isAllDay,isCancelled,start,end`;
    for (;;) {
      const page = (await graphCall('calendarView', this.now, () => this.client.api(url).header('Prefer', PREFER).get())) as Page<GraphEventJson>;
      for (const e of page.value) {
        const off = toTimeOff(e);
        if (off) out.push(off);
      }
      if (!page['@odata.nextLink']) return out;
      url = page['@odata.nextLink'];
    }
  }

  /** proposedNewTime is sent only with tentative/decline and only if the organizer allows it (else Graph 400s). */
  async answerInvitation(inv: InvitationMeta, answer: InvitationAnswer, comment: string, proposal?: { start: string; end: string }): Promise<void> {
    const body: Record<string, unknown> = { comment, sendResponse: true };
    if (proposal && answer !== 'accepted' && inv.allowNewTimeProposals) {
      body.proposedNewTime = { start: { dateTime: utcWall(proposal.start), timeZone: 'UTC' }, end: { dateTime: utcWall(proposal.end), timeZone: 'UTC' } };
    }
    const path = `/me/events/${encodeURIComponent(inv.providerEventId)}/${ACTIONS[answer]}`;
    await graphCall(`answer ${answer}`, this.now, () => this.client.api(path).post(body));
  }

  async freeBusy(from: string, to: string): Promise<BusyInterval[]> {
    if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw new ProviderError('permanent', `freeBusy: "${from}".."${to}" are not ISO 8601 instants`);
    const address = await this.userAddress();
    const res = (await graphCall('freeBusy', this.now, () =>
      this.client.api('/me/calendar/getSchedule').header('Prefer', 'outlook.timezone="UTC"').post({
        schedules: [address],
        startTime: { dateTime: utcWall(from), timeZone: 'UTC' },
        endTime: { dateTime: utcWall(to), timeZone: 'UTC' },
        availabilityViewInterval: 15,
      }),
    )) as { value: { scheduleItems?: { status: string; start: DateTimeTimeZone; end: DateTimeTimeZone }[] }[] };
    return res.value
      .flatMap((s) => s.scheduleItems ?? [])
      .filter((i) => i.status !== 'free')
      .map((i) => ({ start: toInstant(i.start), end: toInstant(i.end) }));
  }
}
