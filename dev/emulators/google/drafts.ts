import { apiError, decodeToken, empty, encodeToken, json, pageSize, type Reply, type Request, type Route } from './http.js';
import { forUser, metadata, parseQuery, threadFor } from './gmail.js';
import { headerValue, parseRaw } from './mime.js';
import { SYSTEM_LABELS, type GoogleState, type StoredMessage } from './state.js';

/**
 * Gmail users.drafts and users.labels (create/list), as held drafts use them. Facts followed:
 * a draft's id is stable while drafts.update replaces its message (new message id); drafts.delete
 * deletes permanently, not to Trash; drafts.send sends the draft as it is now and returns the sent
 * Message; drafts.list takes q (Gmail search), not labelIds, and lists {id, message:{id, threadId}}.
 * Emulator choice (undocumented): an update keeps the user labels of the message it replaces,
 * as the Gmail web app does when the user edits a labelled draft.
 */

const notFound = () => apiError(404, 'notFound', 'Requested entity was not found.');
const isUserLabel = (id: string) => !SYSTEM_LABELS.includes(id);

interface DraftBody { id?: unknown; message?: { raw?: unknown; threadId?: unknown } }

function rawOf(body: DraftBody): string | Reply {
  const raw = body.message?.raw;
  if (typeof raw !== 'string' || !raw) return apiError(400, 'invalidArgument', 'Missing draft message');
  return Buffer.from(raw, 'base64url').toString('utf8');
}

/** Gmail gives every stored message a Message-ID; a draft saved again gets a new message and a new one. */
export function storeDraftMessage(state: GoogleState, given: string, threadId: unknown, labels: string[], now: Date): StoredMessage {
  const id = state.nextId();
  const raw = headerValue(parseRaw(given).headers, 'Message-ID') ? given : `Message-ID: <${id}.draft@mail.gmail.com>\r\n${given}`;
  const parsed = parseRaw(raw);
  const thread = threadFor(state, typeof threadId === 'string' ? threadId : undefined, parsed.headers) ?? id;
  return state.addMessage({ id, threadId: thread, labelIds: ['DRAFT', ...labels], internalDate: now.getTime(), raw, headers: parsed.headers, body: parsed.body });
}

const draftJson = (id: string, m: StoredMessage, format = 'minimal', headers: string[] = []) => ({ id, message: metadata(m, format, headers) });

/** Replaces the draft's message, keeping its user labels; undefined when there is no such draft. */
export function replaceDraft(state: GoogleState, draftId: string, raw: string, threadId: unknown, now: Date): StoredMessage | undefined {
  const old = state.messages.get(state.drafts.get(draftId) ?? '');
  if (!old) return undefined;
  state.messages.delete(old.id);
  const next = storeDraftMessage(state, raw, threadId ?? old.threadId, old.labelIds.filter(isUserLabel), now);
  state.drafts.set(draftId, next.id);
  return next;
}

export function draftRoutes(state: GoogleState, now: () => Date): Route[] {
  const u = '^/gmail/v1/users/([^/]+)';
  const route = (method: string, path: string, units: number, h: (r: Request, rest: string[]) => Reply): Route =>
    ({ method, pattern: new RegExp(`${u}${path}$`), units, handler: forUser(state, h) });
  const draftMessage = (id: string | undefined) => state.messages.get(state.drafts.get(id ?? '') ?? '');
  return [
    route('GET', '/labels', 1, () => json({ labels: [
      ...SYSTEM_LABELS.map((id) => ({ id, name: id, type: 'system' })),
      ...[...state.labels.values()].map((l) => ({ ...l, type: 'user' })),
    ] })),
    route('POST', '/labels', 5, (r) => {
      const body = (r.body ?? {}) as { name?: unknown; messageListVisibility?: string; labelListVisibility?: string };
      if (typeof body.name !== 'string' || !body.name.trim()) return apiError(400, 'invalidArgument', 'Invalid label name');
      const name = body.name.trim();
      const taken = SYSTEM_LABELS.includes(name.toUpperCase()) || [...state.labels.values()].some((l) => l.name.toLowerCase() === name.toLowerCase());
      if (taken) return apiError(409, 'alreadyExists', 'Label name exists or conflicts');
      const label = { id: `Label_${state.labels.size + 1}`, name, messageListVisibility: body.messageListVisibility ?? 'show', labelListVisibility: body.labelListVisibility ?? 'labelShow' };
      state.labels.set(label.id, label);
      return json({ ...label, type: 'user' });
    }),
    route('GET', '/drafts', 5, (r) => listDrafts(state, r, now())),
    route('POST', '/drafts', 10, (r) => {
      const raw = rawOf((r.body ?? {}) as DraftBody);
      if (typeof raw !== 'string') return raw;
      const m = storeDraftMessage(state, raw, ((r.body ?? {}) as DraftBody).message?.threadId, [], now());
      const id = state.nextId('r');
      state.drafts.set(id, m.id);
      return json(draftJson(id, m));
    }),
    route('POST', '/drafts/send', 100, (r) => sendDraft(state, r, now())),
    route('GET', '/drafts/([^/]+)', 5, (r, [id]) => {
      const m = draftMessage(id);
      if (!m) return notFound();
      const format = r.query.get('format') ?? 'full';
      if (!['minimal', 'full', 'raw', 'metadata'].includes(format)) return apiError(400, 'invalidArgument', `Invalid value for format: ${format}`);
      return json(draftJson(id!, m, format, r.query.getAll('metadataHeaders')));
    }),
    route('PUT', '/drafts/([^/]+)', 15, (r, [id]) => {
      const body = (r.body ?? {}) as DraftBody;
      const raw = rawOf(body);
      if (typeof raw !== 'string') return raw;
      const m = replaceDraft(state, id!, raw, body.message?.threadId, now());
      return m ? json(draftJson(id!, m)) : notFound();
    }),
    route('DELETE', '/drafts/([^/]+)', 10, (_r, [id]) => {
      const m = draftMessage(id);
      if (!m) return notFound();
      state.messages.delete(m.id);
      state.drafts.delete(id!);
      return empty(204);
    }),
  ];
}

function listDrafts(state: GoogleState, r: Request, now: Date): Reply {
  const filters = parseQuery(r.query.get('q') ?? '', now, (name) => state.labelIdOf(name));
  if (typeof filters === 'string') return apiError(400, 'invalidArgument', `Invalid query: ${filters}`);
  const size = pageSize(r.query, 100, 500);
  if (size === undefined) return apiError(400, 'invalidArgument', 'Invalid maxResults');
  const spamTrash = r.query.get('includeSpamTrash') === 'true';
  const all = [...state.drafts.entries()]
    .map(([id, messageId]) => ({ id, m: state.messages.get(messageId)! }))
    .filter(({ m }) => spamTrash || !m.labelIds.some((l) => l === 'SPAM' || l === 'TRASH'))
    .filter(({ m }) => filters.every((f) => f(m)))
    .sort((a, b) => b.m.internalDate - a.m.internalDate || b.m.historyId - a.m.historyId);
  const token = r.query.get('pageToken');
  const offset = token ? decodeToken<{ o: number }>(token)?.o : 0;
  if (offset === undefined) return apiError(400, 'invalidArgument', 'Invalid pageToken');
  const page = all.slice(offset, offset + size);
  return json({
    drafts: page.length ? page.map(({ id, m }) => ({ id, message: { id: m.id, threadId: m.threadId } })) : undefined,
    nextPageToken: offset + size < all.length ? encodeToken({ o: offset + size }) : undefined,
    resultSizeEstimate: all.length,
  });
}

/** drafts.send: the body is a Draft naming an existing draft; a message in it replaces the content first. */
function sendDraft(state: GoogleState, r: Request, now: Date): Reply {
  const body = (r.body ?? {}) as DraftBody;
  if (typeof body.id !== 'string' || !body.id) return apiError(400, 'invalidArgument', 'Draft id is required');
  let m = state.messages.get(state.drafts.get(body.id) ?? '');
  if (!m) return notFound();
  if (typeof body.message?.raw === 'string' && body.message.raw) {
    m = replaceDraft(state, body.id, Buffer.from(body.message.raw, 'base64url').toString('utf8'), body.message.threadId, now)!;
  }
  if (!headerValue(m.headers, 'To') && !headerValue(m.headers, 'Cc') && !headerValue(m.headers, 'Bcc')) {
    return apiError(400, 'invalidArgument', 'Invalid To header');
  }
  state.drafts.delete(body.id);
  state.messages.delete(m.id);
  const sent = state.addMessage({ ...m, labelIds: ['SENT', ...m.labelIds.filter(isUserLabel)], internalDate: now.getTime() });
  state.sent.push({ raw: m.raw, threadId: m.threadId, sentAtMs: Date.now() });
  return json({ id: sent.id, threadId: sent.threadId, labelIds: sent.labelIds });
}

export interface DraftControl {
  /** The user saves a draft (in the web app); returns its draft id. */
  create(raw: string, threadId?: string): string;
  /** The user puts a label on a draft, creating the label as the web app does when it is new. */
  label(draftId: string, labelName: string): void;
  /** The user edits the draft: same draft id, a new message. */
  edit(draftId: string, raw: string): void;
  remove(draftId: string): void;
  /** The draft's current message, or undefined once sent or deleted. */
  message(draftId: string): StoredMessage | undefined;
}

export function draftControl(state: GoogleState, now: () => Date): DraftControl {
  const message = (draftId: string) => state.messages.get(state.drafts.get(draftId) ?? '');
  const existing = (draftId: string) => {
    const m = message(draftId);
    if (!m) throw new Error(`no draft ${draftId}`);
    return m;
  };
  return {
    create(raw, threadId) {
      const m = storeDraftMessage(state, raw, threadId, [], now());
      const id = state.nextId('r');
      state.drafts.set(id, m.id);
      return id;
    },
    label(draftId, labelName) {
      const m = existing(draftId);
      let label = [...state.labels.values()].find((l) => l.name === labelName);
      if (!label) state.labels.set((label = { id: `Label_${state.labels.size + 1}`, name: labelName }).id, label);
      if (!m.labelIds.includes(label.id)) m.labelIds.push(label.id);
    },
    edit(draftId, raw) {
      existing(draftId);
      replaceDraft(state, draftId, raw, undefined, now());
    },
    remove(draftId) {
      state.messages.delete(existing(draftId).id);
      state.drafts.delete(draftId);
    },
    message,
  };
}
