import { decodeToken, encodeToken, graphError, json, prefer, type Ctx, type Reply, type Route } from './http.js';
import { FOLDER_IDS, type GraphMessage } from './state.js';

/** Mail reads: /me, mailboxSettings, inbox delta, message search by internetMessageId, sent items. */

const DEFAULT_FIELDS = [
  'id', 'conversationId', 'internetMessageId', 'from', 'sender', 'replyTo', 'toRecipients', 'ccRecipients',
  'bccRecipients', 'subject', 'receivedDateTime', 'sentDateTime', 'bodyPreview', 'body', 'parentFolderId', 'isDraft',
];
// internetMessageHeaders is returned only when $select names it (Graph message resource docs).
const ALL_FIELDS = new Set([...DEFAULT_FIELDS, 'internetMessageHeaders', 'categories', 'changeKey', 'lastModifiedDateTime']);

/** Graph's changeKey is an opaque version that changes with every change to the item; @odata.etag carries it too. */
export const changeKeyOf = (m: GraphMessage) => `CQAAABYAAA${Buffer.from(`v${m.changeSeq}`).toString('base64url')}`;

function selectFields(ctx: Ctx, carried?: string[] | null): string[] | Reply {
  const raw = ctx.url.searchParams.get('$select');
  if (raw === null) return carried ?? DEFAULT_FIELDS;
  const fields = raw.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = fields.find((f) => !ALL_FIELDS.has(f));
  if (unknown) return graphError(400, 'RequestBroker--ParseUri', `Could not find a property named '${unknown}' on type 'microsoft.graph.message'.`);
  return fields.includes('id') ? fields : ['id', ...fields];
}

export function projectMessage(m: GraphMessage, fields: string[]): Record<string, unknown> {
  const full: Record<string, unknown> = {
    ...m, parentFolderId: FOLDER_IDS[m.folder], categories: m.categories ?? [], changeKey: changeKeyOf(m), lastModifiedDateTime: m.lastModifiedDateTime ?? m.receivedDateTime,
  };
  const out: Record<string, unknown> = { '@odata.etag': `W/"${changeKeyOf(m)}"` };
  for (const f of fields) out[f] = full[f];
  return out;
}

interface DeltaState {
  g: number;
  from: number; // -1: initial round (current contents)
  to: number;
  o: number;
  sel: string[] | null;
  f: string | null; // receivedDateTime ge
}

const DELTA_PATH = "/v1.0/me/mailFolders('inbox')/messages/delta";

function mailDelta(ctx: Ctx): Reply {
  const { state, url } = ctx;
  const skip = url.searchParams.get('$skiptoken');
  const deltaToken = url.searchParams.get('$deltatoken');
  let ds: DeltaState;
  if (skip !== null || deltaToken !== null) {
    const decoded = decodeToken<DeltaState & { s?: number }>(skip ?? deltaToken ?? '');
    if (!decoded) return graphError(400, 'BadRequest', 'Malformed skip or delta token.');
    if (decoded.g !== state.mailGeneration) {
      // Expired sync state: 410 Gone, a Location to restart from, and code syncStateNotFound.
      return graphError(410, 'syncStateNotFound', 'The sync state generation is not found.', { location: `${ctx.baseUrl}${DELTA_PATH}` });
    }
    ds = skip !== null ? decoded : { g: decoded.g, from: decoded.s ?? 0, to: state.seq, o: 0, sel: decoded.sel, f: decoded.f };
  } else {
    const filter = url.searchParams.get('$filter');
    let since: string | null = null;
    if (filter !== null) {
      // Message delta accepts only receivedDateTime ge|gt as a filter.
      const m = /^receivedDateTime (ge|gt) (\S+)$/.exec(filter.trim());
      if (!m || Number.isNaN(Date.parse(m[2]!))) return graphError(400, 'ErrorInvalidUrlQueryFilter', `Unsupported delta filter: ${filter}`);
      since = new Date(m[2]!).toISOString();
    }
    const sel = selectFields(ctx);
    if (!Array.isArray(sel)) return sel;
    ds = { g: state.mailGeneration, from: -1, to: state.seq, o: 0, sel: url.searchParams.has('$select') ? sel : null, f: since };
  }
  const fields = ds.sel ?? DEFAULT_FIELDS;
  const entries: Record<string, unknown>[] = [];
  const ordered = [...state.messages.values()].sort((a, b) => a.changeSeq - b.changeSeq || a.id.localeCompare(b.id));
  for (const m of ordered) {
    if (m.changeSeq > ds.to || m.changeSeq <= ds.from) continue;
    if (ds.f && Date.parse(m.receivedDateTime) < Date.parse(ds.f)) continue;
    if (m.folder === 'inbox') entries.push(projectMessage(m, fields));
    else if (ds.from >= 0 && m.removedFrom === 'inbox') entries.push({ id: m.id, '@removed': { reason: m.folder === 'deleteditems' ? 'deleted' : 'changed' } });
  }
  const pageSize = Math.min(Math.max(Number(prefer(ctx, 'odata.maxpagesize') ?? 10) || 10, 1), 1000);
  const page = entries.slice(ds.o, ds.o + pageSize);
  const headers = { 'preference-applied': `odata.maxpagesize=${pageSize}` };
  if (ds.o + pageSize < entries.length) {
    const next = encodeToken({ ...ds, o: ds.o + pageSize });
    return json(200, { '@odata.context': 'emulator', value: page, '@odata.nextLink': `${ctx.baseUrl}${DELTA_PATH}?$skiptoken=${next}` }, headers);
  }
  const delta = encodeToken({ g: ds.g, s: ds.to, sel: ds.sel, f: ds.f });
  return json(200, { '@odata.context': 'emulator', value: page, '@odata.deltaLink': `${ctx.baseUrl}${DELTA_PATH}?$deltatoken=${delta}` }, headers);
}

function findByInternetMessageId(ctx: Ctx): Reply {
  const filter = ctx.url.searchParams.get('$filter') ?? '';
  const m = /^internetMessageId eq '((?:[^']|'')*)'$/.exec(filter.trim());
  if (!m) return graphError(400, 'ErrorInvalidUrlQueryFilter', `Unsupported filter on /me/messages: ${filter}`);
  const wanted = m[1]!.replace(/''/g, "'");
  const sel = selectFields(ctx);
  if (!Array.isArray(sel)) return sel;
  const found = [...ctx.state.messages.values()].filter((x) => x.folder !== 'deleteditems' && x.internetMessageId === wanted);
  return json(200, { value: found.map((x) => projectMessage(x, sel)) });
}

function listSent(ctx: Ctx): Reply {
  const filter = ctx.url.searchParams.get('$filter');
  let since = -Infinity;
  let messageId: string | null = null;
  if (filter !== null) {
    const m = /^sentDateTime (ge|gt) (\S+)$/.exec(filter.trim());
    const byId = /^internetMessageId eq '((?:[^']|'')*)'$/.exec(filter.trim());
    if (byId) messageId = byId[1]!.replace(/''/g, "'");
    else if (!m || Number.isNaN(Date.parse(m[2]!))) return graphError(400, 'ErrorInvalidUrlQueryFilter', `Unsupported filter: ${filter}`);
    else since = Date.parse(m[2]!);
  }
  const sel = selectFields(ctx);
  if (!Array.isArray(sel)) return sel;
  const top = Math.min(Number(ctx.url.searchParams.get('$top') ?? 10) || 10, 1000);
  const skip = Number(ctx.url.searchParams.get('$skip') ?? 0) || 0;
  const all = [...ctx.state.messages.values()]
    .filter((x) => x.folder === 'sentitems' && Date.parse(x.sentDateTime) >= since && (messageId === null || x.internetMessageId === messageId))
    .sort((a, b) => Date.parse(b.sentDateTime) - Date.parse(a.sentDateTime));
  const page = all.slice(skip, skip + top);
  const body: Record<string, unknown> = { value: page.map((x) => projectMessage(x, sel)) };
  if (skip + top < all.length) {
    const next = new URL(ctx.url.toString());
    next.searchParams.set('$skip', String(skip + top));
    body['@odata.nextLink'] = `${ctx.baseUrl}${ctx.url.pathname}?${next.searchParams.toString()}`;
  }
  return json(200, body);
}

export const mailReadRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\.0\/me$/,
    // The default user properties, or exactly those named in $select (proxyAddresses only then).
    handle: ({ state, url }) => {
      const all: Record<string, unknown> = { id: state.userId, displayName: state.displayName, mail: state.userAddress, userPrincipalName: state.userAddress, proxyAddresses: state.proxyAddresses };
      const select = url.searchParams.get('$select');
      const names = select ? select.split(',').map((n) => n.trim()).filter((n) => n in all) : ['id', 'displayName', 'mail', 'userPrincipalName'];
      return json(200, Object.fromEntries(names.map((n) => [n, all[n]])));
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\.0\/me\/mailboxSettings$/,
    handle: ({ state }) =>
      json(200, {
        timeZone: state.mailboxTimeZone,
        workingHours: state.workingHours,
        automaticRepliesSetting: state.automaticRepliesSetting,
        language: { locale: 'en-US', displayName: 'English (United States)' },
      }),
  },
  { method: 'GET', pattern: /^\/v1\.0\/me\/mailFolders(?:\('inbox'\)|\/inbox)\/messages\/delta$/i, handle: mailDelta },
  { method: 'GET', pattern: /^\/v1\.0\/me\/messages$/, handle: findByInternetMessageId },
  { method: 'GET', pattern: /^\/v1\.0\/me\/mailFolders(?:\('sentitems'\)|\/sentitems)\/messages$/i, handle: listSent },
];
