import { graphError, json, parseJson, type Ctx, type Reply, type Route } from './http.js';
import { projectMessage } from './mail-read.js';
import { formatAddress, headerValue, parseAddressList, parseMime } from './mime.js';
import { patchDraftFields } from './drafts.js';
import { newId, type EmailAddress, type GraphMessage, type GraphState } from './state.js';

/**
 * Sending: POST /me/sendMail (MIME or JSON), and createReply → PATCH → send.
 * The emulator keeps every header of a MIME send, Auto-Submitted included. Whether real Exchange
 * Online preserves Auto-Submitted on MIME sends is not confirmed by Microsoft's docs (see
 * microsoft.md); only x- headers are guaranteed on the JSON paths, which the emulator enforces.
 */

function storeSent(state: GraphState, now: Date, m: Partial<GraphMessage> & { subject: string; internetMessageId: string }): GraphMessage {
  const me: EmailAddress = { emailAddress: { name: state.displayName, address: state.userAddress } };
  const msg: GraphMessage = {
    id: newId('AAMkS'),
    folder: 'sentitems',
    conversationId: m.conversationId ?? newId('AAQkC'),
    from: me,
    sender: me,
    replyTo: [],
    toRecipients: [],
    ccRecipients: [],
    bccRecipients: [],
    receivedDateTime: now.toISOString(),
    sentDateTime: now.toISOString(),
    internetMessageHeaders: [],
    bodyPreview: '',
    body: { contentType: 'text', content: '' },
    isDraft: false,
    changeSeq: state.nextSeq(),
    ...m,
  };
  state.messages.set(msg.id, msg);
  return msg;
}

function sendMime(ctx: Ctx): Reply {
  const text = ctx.body.toString('utf8').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(text)) return graphError(400, 'ErrorMimeContentInvalidBase64String', 'The MIME content is not valid base64.');
  const raw = Buffer.from(text, 'base64').toString('utf8');
  const mime = parseMime(raw);
  const to = parseAddressList(headerValue(mime.headers, 'To'));
  if (to.length === 0) return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
  const internetMessageId = headerValue(mime.headers, 'Message-ID') ?? `<${newId('')}@contoso.example>`;
  storeSent(ctx.state, ctx.now(), {
    subject: headerValue(mime.headers, 'Subject') ?? '',
    internetMessageId,
    toRecipients: to,
    ccRecipients: parseAddressList(headerValue(mime.headers, 'Cc')),
    internetMessageHeaders: mime.headers,
    body: { contentType: 'text', content: mime.body },
    bodyPreview: mime.body.slice(0, 255),
  });
  ctx.state.sent.push({ raw, messageId: internetMessageId, via: 'mime' });
  return { status: 202 };
}

/** JSON messages may carry only custom x- headers, and only at creation (Graph docs). */
function badHeader(headers: unknown): string | null {
  if (headers === undefined) return null;
  if (!Array.isArray(headers)) return 'internetMessageHeaders must be an array';
  for (const h of headers as { name?: unknown }[]) {
    if (typeof h.name !== 'string' || !/^x-/i.test(h.name)) return `header ${String(h.name)} is not a custom x- header`;
  }
  return null;
}

function synthesize(state: GraphState, m: GraphMessage, extra: string[] = []): string {
  return [
    `From: ${state.displayName} <${state.userAddress}>`,
    `To: ${m.toRecipients.map(formatAddress).join(', ')}`,
    ...(m.ccRecipients.length ? [`Cc: ${m.ccRecipients.map(formatAddress).join(', ')}`] : []),
    `Subject: ${m.subject}`,
    `Message-ID: ${m.internetMessageId}`,
    ...extra,
    ...m.internetMessageHeaders.map((h) => `${h.name}: ${h.value}`),
    'Content-Type: text/plain; charset=utf-8',
    '',
    m.body.content,
  ].join('\r\n');
}

function sendJson(ctx: Ctx): Reply {
  const body = parseJson(ctx);
  const message = (body.message ?? {}) as Record<string, unknown>;
  const problem = badHeader(message.internetMessageHeaders);
  if (problem) return graphError(400, 'InvalidInternetMessageHeader', problem);
  const to = (message.toRecipients ?? []) as EmailAddress[];
  if (to.length === 0) return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
  const stored = storeSent(ctx.state, ctx.now(), {
    subject: String(message.subject ?? ''),
    internetMessageId: `<${newId('')}@contoso.example>`,
    toRecipients: to,
    internetMessageHeaders: (message.internetMessageHeaders ?? []) as { name: string; value: string }[],
    body: { contentType: 'text', content: String((message.body as { content?: unknown } | undefined)?.content ?? '') },
  });
  ctx.state.sent.push({ raw: synthesize(ctx.state, stored), messageId: stored.internetMessageId, via: 'json' });
  return { status: 202 };
}

function sendMail(ctx: Ctx): Reply {
  const type = String(ctx.req.headers['content-type'] ?? '');
  if (type.startsWith('text/plain')) return sendMime(ctx);
  if (type.startsWith('application/json')) return sendJson(ctx);
  return graphError(415, 'UnsupportedMediaType', `Unsupported Content-Type ${type}`);
}

function createReply(ctx: Ctx): Reply {
  const original = ctx.state.messages.get(ctx.params[0]!);
  if (!original) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  const body = parseJson(ctx);
  const draft: GraphMessage = {
    ...original,
    id: newId('AAMkD'),
    folder: 'drafts',
    isDraft: true,
    subject: /^re:/i.test(original.subject) ? original.subject : `RE: ${original.subject}`,
    toRecipients: original.replyTo.length > 0 ? original.replyTo : original.from ? [original.from] : [],
    ccRecipients: [],
    internetMessageId: `<${newId('')}@contoso.example>`,
    internetMessageHeaders: [],
    body: { contentType: 'text', content: String(body.comment ?? '') },
    changeSeq: ctx.state.nextSeq(),
    replyToId: original.id,
  } as GraphMessage & { replyToId: string };
  delete draft.removedFrom;
  ctx.state.messages.set(draft.id, draft);
  return json(201, projectMessage(draft, ['id', 'subject', 'toRecipients', 'conversationId', 'isDraft', 'internetMessageId']));
}

function patchMessage(ctx: Ctx): Reply {
  const m = ctx.state.messages.get(ctx.params[0]!);
  if (!m) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  const body = parseJson(ctx);
  if (body.internetMessageHeaders !== undefined) {
    if (!m.isDraft) return graphError(400, 'ErrorInvalidPropertyUpdateSentMessage', 'Headers can be set only on drafts.');
    const problem = badHeader(body.internetMessageHeaders);
    if (problem) return graphError(400, 'InvalidInternetMessageHeader', problem);
    m.internetMessageHeaders = body.internetMessageHeaders as { name: string; value: string }[];
  }
  if (typeof body.subject === 'string') m.subject = body.subject;
  if (body.body && typeof body.body === 'object') m.body = { contentType: 'text', content: String((body.body as { content?: unknown }).content ?? '') };
  const problem = patchDraftFields(m, body);
  if (problem) return graphError(400, 'ErrorInvalidRequest', problem);
  m.changeSeq = ctx.state.nextSeq();
  m.lastModifiedDateTime = ctx.now().toISOString();
  return json(200, projectMessage(m, ['id', 'subject', 'isDraft']));
}

function sendDraft(ctx: Ctx): Reply {
  const m = ctx.state.messages.get(ctx.params[0]!) as (GraphMessage & { replyToId?: string }) | undefined;
  if (!m) return graphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  if (!m.isDraft) return graphError(400, 'ErrorInvalidOperation', 'Only drafts can be sent.');
  if (m.toRecipients.length + m.ccRecipients.length + m.bccRecipients.length === 0) return graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
  const original = m.replyToId ? ctx.state.messages.get(m.replyToId) : undefined;
  // Moving an item to another folder gives it a new id (no ImmutableId preference): the draft's id is gone.
  ctx.state.messages.delete(m.id);
  m.id = newId('AAMkS');
  ctx.state.messages.set(m.id, m);
  m.folder = 'sentitems';
  m.isDraft = false;
  m.sentDateTime = ctx.now().toISOString();
  m.changeSeq = ctx.state.nextSeq();
  const threading = original ? [`In-Reply-To: ${original.internetMessageId}`, `References: ${original.internetMessageId}`] : [];
  ctx.state.sent.push({ raw: synthesize(ctx.state, m, threading), messageId: m.internetMessageId, via: 'draft' });
  return { status: 202 };
}

export const mailSendRoutes: Route[] = [
  { method: 'POST', pattern: /^\/v1\.0\/me\/sendMail$/, handle: sendMail },
  { method: 'POST', pattern: /^\/v1\.0\/me\/messages\/([^/]+)\/createReply$/, handle: createReply },
  { method: 'PATCH', pattern: /^\/v1\.0\/me\/messages\/([^/]+)$/, handle: patchMessage },
  { method: 'POST', pattern: /^\/v1\.0\/me\/messages\/([^/]+)\/send$/, handle: sendDraft },
];
