import { apiError, decodeToken, empty, encodeToken, json, pageSize, type Reply, type Request, type Route } from './http.js';
import type { Attendee, GoogleState, StoredEvent } from './state.js';

/** Calendar v3 on the primary calendar: sync tokens, attendee patch, freeBusy, watch channels. */

/** Google rejects these with syncToken (400): the token already fixes the query. */
const NOT_WITH_SYNC_TOKEN = ['timeMin', 'timeMax', 'q', 'orderBy', 'updatedMin', 'iCalUID'];
const RESPONSES = ['needsAction', 'declined', 'tentative', 'accepted'];
/** Fields an attendee may change on their own copy; the rest belongs to the organizer. */
const ATTENDEE_FIELDS = ['attendees', 'reminders', 'colorId', 'transparency'];

interface PageState { o: number; from: number | null; upTo: number; timeMin?: string; timeMax?: string }

export interface CalendarHooks {
  /** Called after any event change so watch channels get an `exists` notification. */
  changed(): void;
  channelCreated(channelId: string): void;
}

export function eventJson(state: GoogleState, e: StoredEvent): Record<string, unknown> {
  const user = state.userAddress.toLowerCase();
  if (e.status === 'cancelled') return { kind: 'calendar#event', id: e.id, etag: e.etag, status: 'cancelled', updated: e.updated };
  return {
    kind: 'calendar#event', id: e.id, etag: e.etag, status: e.status, summary: e.summary, iCalUID: e.iCalUID, updated: e.updated,
    organizer: { ...e.organizer, ...(e.organizer.email.toLowerCase() === user ? { self: true } : {}) },
    attendees: e.attendees.map((a) => ({ ...a, ...(a.email.toLowerCase() === user ? { self: true } : {}) })),
    start: e.start, end: e.end, eventType: e.eventType ?? 'default',
    ...(e.eventType === 'outOfOffice' ? { outOfOfficeProperties: e.outOfOfficeProperties ?? {}, transparency: 'opaque' } : {}),
  };
}

/** events.list eventTypes (repeatable); unset returns every type. */
const EVENT_TYPES = ['default', 'birthday', 'focusTime', 'fromGmail', 'outOfOffice', 'workingLocation'];

const calendarOk = (state: GoogleState, id: string | undefined): boolean =>
  id === 'primary' || decodeURIComponent(id ?? '').toLowerCase() === state.userAddress.toLowerCase();

export function calendarRoutes(state: GoogleState, now: () => Date, hooks: CalendarHooks): Route[] {
  const c = '^/calendar/v3/calendars/([^/]+)';
  const onCalendar = (h: (r: Request, rest: string[]) => Reply | Promise<Reply>): Route['handler'] => (r, [cal, ...rest]) =>
    calendarOk(state, cal) ? h(r, rest) : apiError(404, 'notFound', 'Not Found');
  return [
    { method: 'GET', pattern: new RegExp(`${c}/events$`), handler: onCalendar((r) => list(state, r)) },
    { method: 'POST', pattern: new RegExp(`${c}/events/watch$`), handler: onCalendar((r) => watch(state, r, now(), hooks)) },
    { method: 'GET', pattern: new RegExp(`${c}/events/([^/]+)$`), handler: onCalendar((_r, [id]) => {
      const e = state.events.get(id ?? '');
      return e ? json(eventJson(state, e)) : apiError(404, 'notFound', 'Not Found');
    }) },
    { method: 'PATCH', pattern: new RegExp(`${c}/events/([^/]+)$`), handler: onCalendar((r, [id]) => patch(state, r, id ?? '', now(), hooks)) },
    { method: 'POST', pattern: /^\/calendar\/v3\/freeBusy$/, handler: (r) => freeBusy(state, r) },
    { method: 'POST', pattern: /^\/calendar\/v3\/channels\/stop$/, handler: (r) => {
      const body = (r.body ?? {}) as { id?: string; resourceId?: string };
      const ch = state.channels.get(body.id ?? '');
      if (!ch || ch.resourceId !== body.resourceId) return apiError(404, 'notFound', `Channel '${body.id}' not found for project`);
      state.channels.delete(ch.id);
      return empty(204);
    } },
  ];
}

function list(state: GoogleState, r: Request): Reply {
  const syncToken = r.query.get('syncToken');
  if (syncToken !== null) {
    const bad = NOT_WITH_SYNC_TOKEN.filter((p) => r.query.has(p));
    if (bad.length) return apiError(400, 'invalid', `Sync token cannot be used with ${bad.join(', ')}`);
  }
  const types = r.query.getAll('eventTypes');
  const unknownType = types.find((t) => !EVENT_TYPES.includes(t));
  if (unknownType !== undefined) return apiError(400, 'invalid', `Invalid eventTypes value: ${unknownType}`);
  const size = pageSize(r.query, 250, 2500);
  if (size === undefined) return apiError(400, 'invalid', 'Invalid maxResults');
  const pageToken = r.query.get('pageToken');
  let page: PageState | undefined;
  if (pageToken) {
    page = decodeToken<PageState>(pageToken);
    if (!page) return apiError(400, 'invalid', 'Invalid page token');
  } else if (syncToken !== null) {
    const from = decodeToken<{ s: number }>(syncToken)?.s;
    if (from === undefined) return apiError(400, 'invalid', 'Invalid sync token');
    page = { o: 0, from, upTo: state.calendarSeq };
  } else {
    page = { o: 0, from: null, upTo: state.calendarSeq, timeMin: r.query.get('timeMin') ?? undefined, timeMax: r.query.get('timeMax') ?? undefined };
  }
  // An expired token means the client must drop its state and full-sync (410 fullSyncRequired).
  if (page.from !== null && page.from < state.minValidCalendarSeq) {
    return apiError(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.');
  }
  const { from, upTo, timeMin, timeMax } = page;
  const showDeleted = from !== null || r.query.get('showDeleted') === 'true';
  const items = [...state.events.values()]
    .filter((e) => e.changeSeq <= upTo && (from === null || e.changeSeq > from))
    .filter((e) => showDeleted || e.status !== 'cancelled')
    .filter((e) => types.length === 0 || types.includes(e.eventType ?? 'default'))
    .filter((e) => !timeMin || instant(e.end) > Date.parse(timeMin))
    .filter((e) => !timeMax || instant(e.start) < Date.parse(timeMax))
    .sort((a, b) => a.changeSeq - b.changeSeq);
  const slice = items.slice(page.o, page.o + size);
  const last = page.o + size >= items.length;
  return json({
    kind: 'calendar#events', summary: state.userAddress, timeZone: 'UTC',
    items: slice.map((e) => eventJson(state, e)),
    // nextSyncToken appears only on the last page; nextPageToken on the others.
    nextPageToken: last ? undefined : encodeToken({ ...page, o: page.o + size }),
    nextSyncToken: last ? encodeToken({ s: upTo }) : undefined,
  });
}

const instant = (t: { dateTime?: string; date?: string }): number => Date.parse(t.dateTime ?? `${t.date}T00:00:00Z`);

function patch(state: GoogleState, r: Request, id: string, now: Date, hooks: CalendarHooks): Reply {
  const e = state.events.get(id);
  if (!e || e.status === 'cancelled') return apiError(404, 'notFound', 'Not Found');
  const ifMatch = r.headers['if-match'];
  if (ifMatch && ifMatch !== '*' && ifMatch !== e.etag) return apiError(412, 'conditionNotMet', 'Precondition Failed');
  const sendUpdates = r.query.get('sendUpdates');
  if (sendUpdates && !['all', 'externalOnly', 'none'].includes(sendUpdates)) return apiError(400, 'invalid', 'Invalid sendUpdates');
  const body = (r.body ?? {}) as { attendees?: Attendee[] } & Record<string, unknown>;
  const foreign = Object.keys(body).filter((k) => !ATTENDEE_FIELDS.includes(k));
  if (foreign.length) return apiError(403, 'forbiddenForNonOrganizer', `Only the organizer can change ${foreign.join(', ')}`);
  if (body.attendees) {
    const next = body.attendees;
    const user = state.userAddress.toLowerCase();
    for (const old of e.attendees) {
      const sent = next.find((a) => a.email?.toLowerCase() === old.email.toLowerCase());
      // Arrays are replaced as a whole: a missing attendee would be removed, which only the organizer may do.
      if (!sent) return apiError(403, 'forbiddenForNonOrganizer', `Attendee ${old.email} missing: the attendees array is replaced as a whole`);
      if (old.email.toLowerCase() !== user && sent.responseStatus !== old.responseStatus) {
        return apiError(403, 'forbiddenForNonOrganizer', `Cannot change the response of ${old.email}`);
      }
      if (!RESPONSES.includes(sent.responseStatus)) return apiError(400, 'invalid', `Invalid responseStatus ${sent.responseStatus}`);
    }
    if (next.length !== e.attendees.length) return apiError(403, 'forbiddenForNonOrganizer', 'Only the organizer can add attendees');
    e.attendees = e.attendees.map((old) => {
      const n = next.find((a) => a.email.toLowerCase() === old.email.toLowerCase())!;
      return { ...old, responseStatus: n.responseStatus, ...(n.comment !== undefined ? { comment: n.comment } : {}) };
    });
  }
  e.lastSendUpdates = sendUpdates ?? 'false';
  state.touchEvent(e, now);
  hooks.changed();
  return json(eventJson(state, e));
}

function freeBusy(state: GoogleState, r: Request): Reply {
  const body = (r.body ?? {}) as { timeMin?: string; timeMax?: string; items?: { id: string }[] };
  const from = Date.parse(body.timeMin ?? '');
  const to = Date.parse(body.timeMax ?? '');
  if (Number.isNaN(from) || Number.isNaN(to)) return apiError(400, 'badRequest', 'timeMin and timeMax are required RFC 3339 instants');
  if (to <= from) return apiError(400, 'timeRangeEmpty', 'The specified time range is empty.');
  const user = state.userAddress.toLowerCase();
  const intervals = [
    ...state.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)] as const),
    ...[...state.events.values()]
      .filter((e) => e.status !== 'cancelled' && e.start.dateTime)
      .filter((e) => e.attendees.some((a) => a.email.toLowerCase() === user && ['accepted', 'tentative'].includes(a.responseStatus))
        || e.organizer.email.toLowerCase() === user)
      .map((e) => [instant(e.start), instant(e.end)] as const),
  ].filter(([s, e]) => e > from && s < to).map(([s, e]) => [Math.max(s, from), Math.min(e, to)] as [number, number]).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const iv of intervals) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push(iv);
  }
  const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
  const calendars: Record<string, unknown> = {};
  for (const item of body.items ?? []) {
    calendars[item.id] = calendarOk(state, item.id)
      ? { busy: merged.map(([s, e]) => ({ start: iso(s), end: iso(e) })) }
      : { busy: [], errors: [{ domain: 'global', reason: 'notFound' }] };
  }
  return json({ kind: 'calendar#freeBusy', timeMin: body.timeMin, timeMax: body.timeMax, calendars });
}

function watch(state: GoogleState, r: Request, now: Date, hooks: CalendarHooks): Reply {
  const body = (r.body ?? {}) as { id?: string; type?: string; address?: string; token?: string; params?: { ttl?: string } };
  if (!body.id || body.id.length > 64 || !/^[A-Za-z0-9\-_+/=]+$/.test(body.id)) return apiError(400, 'invalid', 'Channel id must be 1-64 chars of [A-Za-z0-9-_+/=]');
  if (body.type !== 'web_hook') return apiError(400, 'invalid', 'type must be web_hook');
  if (!body.address || !URL.canParse(body.address)) return apiError(400, 'invalid', 'address must be a URL');
  if (body.token && body.token.length > 256) return apiError(400, 'invalid', 'token must be at most 256 characters');
  if (state.channels.has(body.id)) return apiError(400, 'channelIdNotUnique', 'Channel id not unique');
  const ttl = Number(body.params?.ttl ?? 7 * 86_400);
  const channel = { id: body.id, resourceId: `res-${state.nextId()}`, address: body.address, token: body.token,
    expiration: now.getTime() + ttl * 1000, messageNumber: 0 };
  state.channels.set(channel.id, channel);
  hooks.channelCreated(channel.id);
  return json({ kind: 'api#channel', id: channel.id, resourceId: channel.resourceId, token: channel.token,
    resourceUri: 'https://www.googleapis.com/calendar/v3/calendars/primary/events?alt=json', expiration: String(channel.expiration) });
}
