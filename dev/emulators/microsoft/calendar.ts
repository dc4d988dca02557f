import { DateTime } from 'luxon';
import { windowsToIana } from '../../../src/providers/outlook/windows-zones.js';
import { decodeToken, encodeToken, graphError, json, parseJson, prefer, type Ctx, type Reply, type Route } from './http.js';
import type { GraphEvent } from './state.js';

/** Calendar: calendarView delta, accept/tentativelyAccept/decline, getSchedule. */

/** Graph's dateTimeTimeZone: local wall time in `zone` (Windows name or UTC) with 7 fractional digits. */
export function dateTimeTimeZone(utcIso: string, zone: string): { dateTime: string; timeZone: string } {
  const iana = zone === 'UTC' ? 'UTC' : windowsToIana(zone);
  return { dateTime: DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(iana).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'0000'"), timeZone: zone };
}

function parseDateTimeTimeZone(v: unknown): string | null {
  const d = v as { dateTime?: unknown; timeZone?: unknown } | undefined;
  if (typeof d?.dateTime !== 'string' || typeof d.timeZone !== 'string') return null;
  const zone = d.timeZone === 'UTC' ? 'UTC' : (() => { try { return windowsToIana(String(d.timeZone)); } catch { return String(d.timeZone); } })();
  const dt = DateTime.fromISO(d.dateTime, { zone });
  return dt.isValid ? dt.toUTC().toISO() : null;
}

function projectEvent(e: GraphEvent, ctx: Ctx): Record<string, unknown> {
  // Without Prefer: outlook.timezone the emulator answers in the organizer's zone, so an adapter
  // that forgets the header sees Windows zone names, as it can in production.
  const zone = prefer(ctx, 'outlook.timezone') ?? e.originalStartTimeZone;
  const { startUtc, endUtc, changeSeq, deleted, lastComment, proposedNewTime, ...rest } = e;
  void changeSeq; void deleted; void lastComment; void proposedNewTime;
  // All-day events are floating dates: midnight to midnight whatever zone was asked for.
  const at = (utc: string) => (e.isAllDay ? { dateTime: `${utc.slice(0, 10)}T00:00:00.0000000`, timeZone: zone } : dateTimeTimeZone(utc, zone));
  return { '@odata.etag': `W/"${e.changeSeq}"`, ...rest, start: at(startUtc), end: at(endUtc) };
}

/** GET /me/calendarView: occurrences overlapping the window, with $select; paged by $skip. */
function calendarView(ctx: Ctx): Reply {
  const { url, state } = ctx;
  const ws = url.searchParams.get('startDateTime');
  const we = url.searchParams.get('endDateTime');
  if (!ws || !we || Number.isNaN(Date.parse(ws)) || Number.isNaN(Date.parse(we))) {
    return graphError(400, 'ErrorInvalidParameter', 'startDateTime and endDateTime are required ISO 8601 values.');
  }
  if (url.searchParams.has('$filter')) return graphError(400, 'ErrorInvalidUrlQuery', 'This emulator does not evaluate $filter on calendarView.');
  const select = url.searchParams.get('$select')?.split(',').map((f) => f.trim()).filter(Boolean);
  const skip = Number(url.searchParams.get('$skip') ?? 0) || 0;
  const events = [...state.events.values()]
    .filter((e) => !e.deleted && Date.parse(e.endUtc) > Date.parse(ws) && Date.parse(e.startUtc) < Date.parse(we))
    .sort((a, b) => Date.parse(a.startUtc) - Date.parse(b.startUtc));
  const size = Math.min(Math.max(Number(prefer(ctx, 'odata.maxpagesize') ?? 10) || 10, 1), 1000);
  const value = events.slice(skip, skip + size).map((e) => {
    const full = projectEvent(e, ctx);
    return select ? Object.fromEntries(Object.entries(full).filter(([k]) => k === 'id' || k === '@odata.etag' || select.includes(k))) : full;
  });
  const next = new URL(url.toString());
  next.searchParams.set('$skip', String(skip + size));
  return json(200, { value, ...(skip + size < events.length ? { '@odata.nextLink': `${ctx.baseUrl}${next.pathname}${next.search}` } : {}) });
}

interface CalState {
  g: number;
  from: number;
  to: number;
  o: number;
  ws: string;
  we: string;
}

const PATH = '/v1.0/me/calendarView/delta';

function calendarDelta(ctx: Ctx): Reply {
  const { url, state } = ctx;
  if (url.searchParams.has('$select') || url.searchParams.has('$filter') || url.searchParams.has('$orderby')) {
    return graphError(400, 'ErrorInvalidUrlQuery', 'calendarView delta does not support $select, $filter or $orderby.');
  }
  const token = url.searchParams.get('$skiptoken') ?? url.searchParams.get('$deltatoken');
  let cs: CalState;
  if (token !== null) {
    const decoded = decodeToken<CalState & { s?: number }>(token);
    if (!decoded) return graphError(400, 'BadRequest', 'Malformed skip or delta token.');
    if (decoded.g !== state.calendarGeneration) {
      return graphError(410, 'syncStateNotFound', 'The sync state generation is not found.', { location: `${ctx.baseUrl}${PATH}` });
    }
    cs = url.searchParams.has('$skiptoken') ? decoded : { ...decoded, from: decoded.s ?? 0, to: state.seq, o: 0 };
  } else {
    const ws = url.searchParams.get('startDateTime');
    const we = url.searchParams.get('endDateTime');
    if (!ws || !we || Number.isNaN(Date.parse(ws)) || Number.isNaN(Date.parse(we))) {
      return graphError(400, 'ErrorInvalidParameter', 'startDateTime and endDateTime are required ISO 8601 values.');
    }
    cs = { g: state.calendarGeneration, from: -1, to: state.seq, o: 0, ws, we };
  }
  const entries: Record<string, unknown>[] = [];
  for (const e of [...state.events.values()].sort((a, b) => a.changeSeq - b.changeSeq)) {
    if (e.changeSeq > cs.to || e.changeSeq <= cs.from) continue;
    // @removed may name events outside the window (microsoft.md), so it is not window-filtered.
    if (e.deleted) {
      if (cs.from >= 0) entries.push({ id: e.id, '@removed': { reason: 'deleted' } });
      continue;
    }
    if (Date.parse(e.endUtc) <= Date.parse(cs.ws) || Date.parse(e.startUtc) >= Date.parse(cs.we)) continue;
    entries.push(projectEvent(e, ctx));
  }
  const pageSize = Math.min(Math.max(Number(prefer(ctx, 'odata.maxpagesize') ?? 10) || 10, 1), 1000);
  const page = entries.slice(cs.o, cs.o + pageSize);
  if (cs.o + pageSize < entries.length) {
    return json(200, { value: page, '@odata.nextLink': `${ctx.baseUrl}${PATH}?$skiptoken=${encodeToken({ ...cs, o: cs.o + pageSize })}` });
  }
  const next = encodeToken({ g: cs.g, s: cs.to, ws: cs.ws, we: cs.we });
  return json(200, { value: page, '@odata.deltaLink': `${ctx.baseUrl}${PATH}?$deltatoken=${next}` });
}

const RESPONSES: Record<string, string> = { accept: 'accepted', tentativelyAccept: 'tentativelyAccepted', decline: 'declined' };

function answer(ctx: Ctx): Reply {
  const [id, action] = ctx.params as [string, string];
  const event = ctx.state.events.get(id);
  if (!event || event.deleted) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  const body = parseJson(ctx);
  if (body.proposedNewTime !== undefined) {
    // proposedNewTime: only tentativelyAccept/decline, only if the organizer allows proposals.
    if (action === 'accept') return graphError(400, 'ErrorInvalidRequest', 'proposedNewTime is not allowed when accepting.');
    if (!event.allowNewTimeProposals) return graphError(400, 'ErrorProposedNewTimeNotSupportedForNonOrganizer', 'The organizer does not allow new time proposals.');
    const p = body.proposedNewTime as { start?: unknown; end?: unknown };
    if (!parseDateTimeTimeZone(p.start) || !parseDateTimeTimeZone(p.end)) return graphError(400, 'ErrorInvalidRequest', 'proposedNewTime needs start and end dateTimeTimeZone values.');
    event.proposedNewTime = body.proposedNewTime;
  }
  if (event.isOrganizer) return graphError(400, 'ErrorInvalidRequest', 'The organizer cannot respond to their own meeting.');
  event.responseStatus = { response: RESPONSES[action]!, time: ctx.now().toISOString() };
  event.lastComment = typeof body.comment === 'string' ? body.comment : undefined;
  event.showAs = action === 'decline' ? 'free' : action === 'accept' ? 'busy' : 'tentative';
  event.changeSeq = ctx.state.nextSeq();
  return { status: 202 };
}

function getSchedule(ctx: Ctx): Reply {
  const body = parseJson(ctx);
  const start = parseDateTimeTimeZone(body.startTime);
  const end = parseDateTimeTimeZone(body.endTime);
  const schedules = body.schedules;
  if (!start || !end || !Array.isArray(schedules)) return graphError(400, 'ErrorInvalidRequest', 'schedules, startTime and endTime are required.');
  const zone = String((body.startTime as { timeZone: string }).timeZone);
  const { state } = ctx;
  const busy = [
    ...state.busyBlocks.map((b) => ({ status: 'busy', start: b.start, end: b.end })),
    ...[...state.events.values()]
      .filter((e) => !e.deleted && !e.isCancelled && e.showAs !== 'free' && (e.isOrganizer || /accepted/i.test(e.responseStatus.response)))
      .map((e) => ({ status: e.showAs, start: e.startUtc, end: e.endUtc })),
  ].filter((b) => Date.parse(b.end) > Date.parse(start) && Date.parse(b.start) < Date.parse(end));
  return json(200, {
    value: schedules.map((s) => ({
      scheduleId: s,
      availabilityView: '',
      scheduleItems: String(s).toLowerCase() === state.userAddress ? busy.map((b) => ({ status: b.status, start: dateTimeTimeZone(b.start, zone), end: dateTimeTimeZone(b.end, zone) })) : [],
    })),
  });
}

export const calendarRoutes: Route[] = [
  { method: 'GET', pattern: /^\/v1\.0\/me\/calendarView\/delta$/, handle: calendarDelta },
  { method: 'GET', pattern: /^\/v1\.0\/me\/calendarView$/, handle: calendarView },
  { method: 'POST', pattern: /^\/v1\.0\/me\/events\/([^/]+)\/(accept|tentativelyAccept|decline)$/, handle: answer },
  { method: 'POST', pattern: /^\/v1\.0\/me\/calendar\/getSchedule$/, handle: getSchedule },
];
