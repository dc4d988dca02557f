import { graphError, json, type Ctx, type Reply, type Route } from './http.js';
import { changeKeyOf, projectMessage } from './mail-read.js';
import { parseAddressList } from './mime.js';
import { newId, type EmailAddress, type GraphMessage, type GraphState } from './state.js';

/**
 * Drafts as Outlook keeps them (message resource, Graph v1.0), beside their creation
 * (drafts-create.ts): GET /me/mailFolders('drafts')/messages
 * lists the folder with $select, $top/$skip paging and, as a filter, `categories/any(a:a eq '…')`
 * (the only filter this emulator accepts there); GET /me/messages/{id}; PATCH (mail-send.ts)
 * changes subject, body, recipients and categories; DELETE answers 204 and the item is gone from
 * every folder (soft-deleted to Recoverable Items). Every change moves changeKey and
 * lastModifiedDateTime. Send (mail-send.ts) moves the draft to Sent Items under a new id.
 */

const notFound = () => graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
const DRAFT_FIELDS = ['id', 'subject', 'toRecipients', 'ccRecipients', 'bccRecipients', 'isDraft', 'categories', 'changeKey', 'lastModifiedDateTime', 'internetMessageId', 'conversationId', 'body', 'parentFolderId'];
const KNOWN = new Set([...DRAFT_FIELDS, 'from', 'sender', 'replyTo', 'receivedDateTime', 'sentDateTime', 'bodyPreview', 'internetMessageHeaders']);

function select(ctx: Ctx): string[] | Reply {
  const raw = ctx.url.searchParams.get('$select');
  if (raw === null) return DRAFT_FIELDS;
  const fields = raw.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = fields.find((f) => !KNOWN.has(f));
  if (unknown) return graphError(400, 'RequestBroker--ParseUri', `Could not find a property named '${unknown}' on type 'microsoft.graph.message'.`);
  return fields.includes('id') ? fields : ['id', ...fields];
}

const recipients = (v: unknown): EmailAddress[] | null =>
  Array.isArray(v) && v.every((r) => typeof (r as EmailAddress)?.emailAddress?.address === 'string')
    ? (v as EmailAddress[]).map((r) => ({ emailAddress: { name: r.emailAddress.name ?? r.emailAddress.address, address: r.emailAddress.address } }))
    : null;

/** Recipients and categories, as PATCH and create accept them; a problem in words, or null. */
export function patchDraftFields(m: GraphMessage, body: Record<string, unknown>): string | null {
  for (const field of ['toRecipients', 'ccRecipients', 'bccRecipients'] as const) {
    if (body[field] === undefined) continue;
    const list = recipients(body[field]);
    if (!list) return `${field} must be a list of {emailAddress:{address}}`;
    m[field] = list;
  }
  if (body.categories !== undefined) {
    if (!Array.isArray(body.categories) || !body.categories.every((c) => typeof c === 'string')) return 'categories must be a list of strings';
    m.categories = [...new Set(body.categories as string[])];
  }
  return null;
}

function newDraft(state: GraphState, now: Date, fields: { subject?: string; text?: string; to?: EmailAddress[] }): GraphMessage {
  const me: EmailAddress = { emailAddress: { name: state.displayName, address: state.userAddress } };
  return {
    id: newId('AAMkD'), folder: 'drafts', conversationId: newId('AAQkC'), internetMessageId: `<${newId('')}@contoso.example>`,
    from: me, sender: me, replyTo: [], toRecipients: fields.to ?? [], ccRecipients: [], bccRecipients: [], subject: fields.subject ?? '',
    receivedDateTime: now.toISOString(), sentDateTime: now.toISOString(), internetMessageHeaders: [], bodyPreview: (fields.text ?? '').slice(0, 255),
    body: { contentType: 'text', content: fields.text ?? '' }, isDraft: true, categories: [], changeSeq: state.nextSeq(),
  };
}

function listDrafts(ctx: Ctx): Reply {
  const filter = ctx.url.searchParams.get('$filter');
  let category: string | null = null;
  if (filter !== null) {
    const m = /^categories\/any\((\w+):\s*\1 eq '((?:[^']|'')*)'\)$/.exec(filter.trim());
    if (!m) return graphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
    category = m[2]!.replace(/''/g, "'");
  }
  const fields = select(ctx);
  if (!Array.isArray(fields)) return fields;
  const top = Math.min(Math.max(Number(ctx.url.searchParams.get('$top') ?? 10) || 10, 1), 1000);
  const skip = Math.max(Number(ctx.url.searchParams.get('$skip') ?? 0) || 0, 0);
  // Category names compare case-insensitively in Exchange.
  const all = [...ctx.state.messages.values()]
    .filter((m) => m.folder === 'drafts' && (category === null || (m.categories ?? []).some((c) => c.toLowerCase() === category!.toLowerCase())))
    .sort((a, b) => (b.lastModifiedDateTime ?? b.receivedDateTime).localeCompare(a.lastModifiedDateTime ?? a.receivedDateTime) || a.id.localeCompare(b.id));
  const out: Record<string, unknown> = { value: all.slice(skip, skip + top).map((m) => projectMessage(m, fields)) };
  if (skip + top < all.length) {
    const next = new URLSearchParams(ctx.url.searchParams);
    next.set('$skip', String(skip + top));
    out['@odata.nextLink'] = `${ctx.baseUrl}${ctx.url.pathname}?${next.toString()}`;
  }
  return json(200, out);
}

function getMessage(ctx: Ctx): Reply {
  const m = ctx.state.messages.get(ctx.params[0]!);
  if (!m) return notFound();
  const fields = select(ctx);
  return Array.isArray(fields) ? json(200, projectMessage(m, fields)) : fields;
}

function deleteMessage(ctx: Ctx): Reply {
  if (!ctx.state.messages.delete(ctx.params[0]!)) return notFound();
  return { status: 204 };
}

export const draftRoutes: Route[] = [
  { method: 'GET', pattern: /^\/v1\.0\/me\/mailFolders(?:\('drafts'\)|\/drafts)\/messages$/i, handle: listDrafts },
  { method: 'GET', pattern: /^\/v1\.0\/me\/messages\/([^/]+)$/, handle: getMessage },
  { method: 'DELETE', pattern: /^\/v1\.0\/me\/messages\/([^/]+)$/, handle: deleteMessage },
];

/** What a test does as the user in Outlook: write, categorize, edit and delete drafts. */
export interface GraphDraftControl {
  create(d: { to: string; subject: string; text: string; categories?: string[] }): string;
  categorize(id: string, categories: string[]): void;
  edit(id: string, patch: { subject?: string; text?: string }): void;
  remove(id: string): void;
  /** The draft as stored, or undefined once sent or deleted. */
  message(id: string): GraphMessage | undefined;
  changeKey(id: string): string;
}

export function draftControl(state: GraphState, now: () => Date): GraphDraftControl {
  const draft = (id: string) => {
    const m = state.messages.get(id);
    if (!m || !m.isDraft) throw new Error(`no draft ${id}`);
    return m;
  };
  const touch = (m: GraphMessage) => {
    m.changeSeq = state.nextSeq();
    m.lastModifiedDateTime = now().toISOString();
  };
  return {
    create(d) {
      const m = newDraft(state, now(), { subject: d.subject, text: d.text, to: parseAddressList(d.to) });
      m.categories = d.categories ?? [];
      state.messages.set(m.id, m);
      return m.id;
    },
    categorize(id, categories) {
      const m = draft(id);
      m.categories = [...categories];
      touch(m);
    },
    edit(id, patch) {
      const m = draft(id);
      if (patch.subject !== undefined) m.subject = patch.subject;
      if (patch.text !== undefined) m.body = { contentType: 'text', content: patch.text };
      touch(m);
    },
    remove(id) {
      draft(id);
      state.messages.delete(id);
    },
    message: (id) => state.messages.get(id),
    changeKey: (id) => changeKeyOf(draft(id)),
  };
}
