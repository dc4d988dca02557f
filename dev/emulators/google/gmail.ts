import { apiError, decodeToken, empty, encodeToken, json, pageSize, type Reply, type Request, type Route } from './http.js';
import { baseSubject, headerValue, parseRaw } from './mime.js';
import type { GoogleState, StoredMessage } from './state.js';

/** Gmail v1 as the adapter uses it. Quota units follow google.md (legacy per-method table). */

const DAY = 86_400_000;

function checkUser(state: GoogleState, userId: string | undefined): Reply | undefined {
  if (userId === 'me' || userId?.toLowerCase() === state.userAddress.toLowerCase()) return undefined;
  return apiError(403, 'forbidden', 'Delegation denied for ' + state.userAddress);
}

type Filter = (m: StoredMessage) => boolean;
/** The filters of a query, and the instant its matches all come after (none older can match). */
type Query = Filter[] & { after?: number };

/** The subset of Gmail search the adapter needs; anything else is a 400 so adapter bugs surface. */
export function parseQuery(q: string, now: Date, labelIdOf: (name: string) => string = (n) => n.toUpperCase()): Query | string {
  const filters: Query = [];
  const notBefore = (ms: number) => (filters.after = Math.max(filters.after ?? -Infinity, ms));
  for (const term of q.trim().split(/\s+/).filter(Boolean)) {
    const [op, ...rest] = term.split(':');
    const value = rest.join(':');
    const age = /^(\d+)([dmy])$/.exec(value);
    const units = { d: DAY, m: 30 * DAY, y: 365 * DAY };
    if ((op === 'newer_than' || op === 'older_than') && age) {
      const cut = now.getTime() - Number(age[1]) * units[age[2] as 'd' | 'm' | 'y'];
      filters.push(op === 'newer_than' ? (m) => m.internalDate >= cut : (m) => m.internalDate < cut);
      if (op === 'newer_than') notBefore(cut - 1);
    } else if (op === 'after' || op === 'before') {
      const t = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value.replace(/\//g, '-') + 'T00:00:00Z');
      if (Number.isNaN(t)) return `bad date in ${term}`;
      filters.push(op === 'after' ? (m) => m.internalDate > t : (m) => m.internalDate < t);
      if (op === 'after') notBefore(t);
    } else if (op === 'in' || op === 'label') {
      const label = labelIdOf(value);
      if (label !== 'ANYWHERE') filters.push((m) => m.labelIds.includes(label));
    } else if (op === 'rfc822msgid') {
      const id = value.replace(/^<|>$/g, '');
      filters.push((m) => headerValue(m.headers, 'Message-ID')?.replace(/^<|>$/g, '') === id);
    } else if (op === 'from') {
      filters.push((m) => (headerValue(m.headers, 'From') ?? '').toLowerCase().includes(value.toLowerCase()));
    } else {
      return `unsupported search term ${term}`;
    }
  }
  return filters;
}

export function metadata(m: StoredMessage, format: string, wanted: string[]): Record<string, unknown> {
  const base = { id: m.id, threadId: m.threadId, labelIds: m.labelIds, snippet: m.body.slice(0, 100).replace(/\s+/g, ' ').trim(),
    historyId: String(m.historyId), internalDate: String(m.internalDate), sizeEstimate: m.raw.length };
  if (format === 'minimal') return base;
  if (format === 'raw') return { ...base, raw: Buffer.from(m.raw).toString('base64url') };
  const lower = wanted.map((w) => w.toLowerCase());
  const headers = format === 'metadata' && lower.length ? m.headers.filter((h) => lower.includes(h.name.toLowerCase())) : m.headers;
  const body = format === 'full' ? { size: m.body.length, data: Buffer.from(m.body).toString('base64url') } : { size: m.body.length };
  return { ...base, payload: { partId: '', mimeType: 'text/plain', filename: '', headers, body } };
}

/** Every Gmail route is under users/{userId}: only "me" or the user's own address may be used. */
export const forUser = (state: GoogleState, h: (r: Request, rest: string[]) => Reply): Route['handler'] =>
  (r, [user, ...rest]) => checkUser(state, user) ?? h(r, rest);

export function gmailRoutes(state: GoogleState, now: () => Date): Route[] {
  const u = '^/gmail/v1/users/([^/]+)';
  const route = (method: string, path: string, units: number, h: (r: Request, rest: string[]) => Reply): Route =>
    ({ method, pattern: new RegExp(`${u}${path}$`), units, handler: forUser(state, h) });
  return [
    route('GET', '/profile', 1, () => json({
      emailAddress: state.userAddress, messagesTotal: state.messages.size,
      threadsTotal: new Set([...state.messages.values()].map((m) => m.threadId)).size, historyId: String(state.historyId) })),
    route('GET', '/settings/sendAs', 1, () => json({
      sendAs: [state.userAddress, ...state.aliases].map((a, i) => ({ sendAsEmail: a, displayName: '', isPrimary: i === 0, isDefault: i === 0,
        verificationStatus: 'accepted' })) })),
    route('POST', '/watch', 100, (r) => {
      const body = (r.body ?? {}) as { topicName?: string };
      if (!body.topicName) return apiError(400, 'invalidArgument', 'topicName is required');
      state.watch = { topicName: body.topicName, expiration: now().getTime() + 7 * DAY };
      return json({ historyId: String(state.historyId), expiration: String(state.watch.expiration) });
    }),
    route('POST', '/stop', 50, () => {
      state.watch = undefined;
      return empty(204);
    }),
    route('GET', '/history', 2, (r) => historyList(state, r)),
    route('GET', '/messages', 5, (r) => messagesList(state, r, now())),
    route('POST', '/messages/send', 100, (r) => send(state, r, now())),
    route('GET', '/messages/([^/]+)', 5, (r, [id]) => {
      const m = state.messages.get(id ?? '');
      if (!m) return apiError(404, 'notFound', 'Requested entity was not found.');
      return json(metadata(m, r.query.get('format') ?? 'full', r.query.getAll('metadataHeaders')));
    }),
  ];
}

function historyList(state: GoogleState, r: Request): Reply {
  const start = r.query.get('startHistoryId');
  if (start === null) return apiError(400, 'invalidArgument', 'Missing required parameter: startHistoryId');
  const startId = Number(start);
  if (!Number.isInteger(startId) || startId < 0) return apiError(400, 'invalidArgument', 'Invalid startHistoryId');
  // Too old (trimmed) or never issued: Gmail answers 404 and the client must do a full sync.
  if (startId < state.minValidHistoryId || startId > state.historyId) return apiError(404, 'notFound', 'Requested entity was not found.');
  const size = pageSize(r.query, 100, 500);
  if (size === undefined) return apiError(400, 'invalidArgument', 'Invalid maxResults');
  const types = r.query.getAll('historyTypes');
  const label = r.query.get('labelId');
  // Records are in id order: start after the last one at or before startId.
  let lo = 0;
  for (let hi = state.history.length; lo < hi;) {
    const mid = (lo + hi) >> 1;
    if (state.history[mid]!.id > startId) hi = mid;
    else lo = mid + 1;
  }
  const records = state.history.slice(lo).filter((h) => (types.length === 0 || types.includes('messageAdded')) && (!label || h.labelIds.includes(label)));
  const token = r.query.get('pageToken');
  const offset = token ? decodeToken<{ o: number }>(token)?.o : 0;
  if (offset === undefined) return apiError(400, 'invalidArgument', 'Invalid pageToken');
  const page = records.slice(offset, offset + size);
  const more = offset + size < records.length;
  return json({
    history: page.length ? page.map((h) => ({ id: String(h.id), messages: [{ id: h.messageId, threadId: h.threadId }],
      messagesAdded: [{ message: { id: h.messageId, threadId: h.threadId, labelIds: h.labelIds } }] })) : undefined,
    historyId: String(state.historyId),
    nextPageToken: more ? encodeToken({ o: offset + size }) : undefined,
  });
}

function messagesList(state: GoogleState, r: Request, now: Date): Reply {
  const filters = parseQuery(r.query.get('q') ?? '', now, (name) => state.labelIdOf(name));
  if (typeof filters === 'string') return apiError(400, 'invalidArgument', `Invalid query: ${filters}`);
  const size = pageSize(r.query, 100, 500);
  if (size === undefined) return apiError(400, 'invalidArgument', 'Invalid maxResults');
  const labels = r.query.getAll('labelIds');
  const spamTrash = r.query.get('includeSpamTrash') === 'true' || labels.some((l) => l === 'SPAM' || l === 'TRASH');
  const all: StoredMessage[] = [];
  for (const m of state.newestFirst()) {
    if (filters.after !== undefined && m.internalDate <= filters.after) break; // older ones cannot match
    if (labels.every((l) => m.labelIds.includes(l)) && (spamTrash || !m.labelIds.some((l) => l === 'SPAM' || l === 'TRASH')) && filters.every((f) => f(m))) all.push(m);
  }
  const token = r.query.get('pageToken');
  const offset = token ? decodeToken<{ o: number }>(token)?.o : 0;
  if (offset === undefined) return apiError(400, 'invalidArgument', 'Invalid pageToken');
  const page = all.slice(offset, offset + size);
  return json({
    messages: page.length ? page.map((m) => ({ id: m.id, threadId: m.threadId })) : undefined,
    nextPageToken: offset + size < all.length ? encodeToken({ o: offset + size }) : undefined,
    resultSizeEstimate: all.length,
  });
}

/** Gmail joins a thread only when threadId is given AND References/In-Reply-To and Subject match it. */
export function threadFor(state: GoogleState, requested: string | undefined, headers: ReturnType<typeof parseRaw>['headers']): string | undefined {
  if (!requested) return undefined;
  const thread = state.inThread(requested);
  const first = thread[0];
  if (!first) return undefined;
  const refs = `${headerValue(headers, 'In-Reply-To') ?? ''} ${headerValue(headers, 'References') ?? ''}`;
  const ids = thread.map((m) => headerValue(m.headers, 'Message-ID')).filter((id): id is string => Boolean(id));
  const referenced = ids.some((id) => refs.includes(id));
  const sameSubject = baseSubject(headerValue(headers, 'Subject') ?? '') === baseSubject(headerValue(first.headers, 'Subject') ?? '');
  return referenced && sameSubject ? requested : undefined;
}

function send(state: GoogleState, r: Request, now: Date): Reply {
  const body = (r.body ?? {}) as { raw?: unknown; threadId?: unknown };
  if (typeof body.raw !== 'string' || !body.raw) return apiError(400, 'invalidArgument', "'raw' RFC822 payload message string is required");
  const raw = Buffer.from(body.raw, 'base64url').toString('utf8');
  const parsed = parseRaw(raw);
  if (!headerValue(parsed.headers, 'To') && !headerValue(parsed.headers, 'Cc') && !headerValue(parsed.headers, 'Bcc')) {
    return apiError(400, 'invalidArgument', 'Invalid To header');
  }
  const id = state.nextId();
  if (!headerValue(parsed.headers, 'Message-ID')) parsed.headers.push({ name: 'Message-ID', value: `<${id}@mail.gmail.com>` });
  const requested = typeof body.threadId === 'string' ? body.threadId : undefined;
  const threadId = threadFor(state, requested, parsed.headers) ?? id;
  state.addMessage({ id, threadId, labelIds: ['SENT'], internalDate: now.getTime(), raw, headers: parsed.headers, body: parsed.body });
  state.sent.push({ raw, threadId, sentAtMs: Date.now() });
  return json({ id, threadId, labelIds: ['SENT'] });
}
