import { simpleParser } from 'mailparser';
import { graphError, json, parseJson, type Ctx, type Reply, type Route } from './http.js';
import { projectMessage } from './mail-read.js';
import { headerValue, parseAddressList, parseMime } from './mime.js';
import { newId, type EmailAddress, type GraphMessage, type GraphState } from './state.js';

/**
 * Creating drafts: POST /me/messages (Graph "Create message"), as Boundary writes drafts for the
 * user (issue 20). Facts followed: Content-Type text/plain takes base64 MIME, application/json a
 * message resource; either way the draft is saved in Drafts (isDraft true) and the answer is 201
 * with the message; invalid base64 is 400 ErrorMimeContentInvalidBase64String. A MIME draft keeps
 * its Message-ID as internetMessageId and its headers.
 * Emulator choice: a draft whose In-Reply-To names a message in the mailbox joins that message's
 * conversation, as Exchange threads replies by their headers.
 */

const DRAFT_FIELDS = ['id', 'subject', 'toRecipients', 'ccRecipients', 'conversationId', 'isDraft', 'internetMessageId', 'parentFolderId', 'body'];

function newDraft(state: GraphState, now: Date, m: Partial<GraphMessage> & { subject: string; internetMessageId: string }): GraphMessage {
  const me: EmailAddress = { emailAddress: { name: state.displayName, address: state.userAddress } };
  const draft: GraphMessage = {
    id: newId('AAMkD'), folder: 'drafts', conversationId: newId('AAQkC'), from: me, sender: me, replyTo: [], toRecipients: [], ccRecipients: [],
    bccRecipients: [], receivedDateTime: now.toISOString(), sentDateTime: now.toISOString(), internetMessageHeaders: [], bodyPreview: '',
    body: { contentType: 'text', content: '' }, isDraft: true, changeSeq: state.nextSeq(), ...m,
  };
  state.messages.set(draft.id, draft);
  return draft;
}

function conversationOf(state: GraphState, inReplyTo: string | undefined): string | undefined {
  if (!inReplyTo) return undefined;
  return [...state.messages.values()].find((m) => m.internetMessageId === inReplyTo.trim())?.conversationId;
}

async function createFromMime(ctx: Ctx): Promise<Reply> {
  const text = ctx.body.toString('utf8').replace(/\s+/g, '');
  if (!text || !/^[A-Za-z0-9+/]+=*$/.test(text)) return graphError(400, 'ErrorMimeContentInvalidBase64String', 'The MIME content is not valid base64.');
  const raw = Buffer.from(text, 'base64').toString('utf8');
  const head = parseMime(raw).headers;
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const conversationId = conversationOf(ctx.state, headerValue(head, 'In-Reply-To'));
  const draft = newDraft(ctx.state, ctx.now(), {
    subject: parsed.subject ?? '',
    internetMessageId: headerValue(head, 'Message-ID') ?? `<${newId('')}@contoso.example>`,
    toRecipients: parseAddressList(headerValue(head, 'To')),
    ccRecipients: parseAddressList(headerValue(head, 'Cc')),
    internetMessageHeaders: head,
    body: { contentType: 'text', content: parsed.text ?? '' },
    bodyPreview: (parsed.text ?? '').slice(0, 255),
    ...(conversationId ? { conversationId } : {}),
  });
  return json(201, projectMessage(draft, DRAFT_FIELDS));
}

function createFromJson(ctx: Ctx): Reply {
  const body = parseJson(ctx);
  const headers = body.internetMessageHeaders;
  if (headers !== undefined && (!Array.isArray(headers) || (headers as { name?: unknown }[]).some((h) => typeof h.name !== 'string' || !/^x-/i.test(h.name)))) {
    return graphError(400, 'InvalidInternetMessageHeader', 'Only custom x- headers can be set');
  }
  const content = body.body as { content?: unknown; contentType?: unknown } | undefined;
  const draft = newDraft(ctx.state, ctx.now(), {
    subject: String(body.subject ?? ''),
    internetMessageId: `<${newId('')}@contoso.example>`,
    toRecipients: (body.toRecipients ?? []) as EmailAddress[],
    internetMessageHeaders: (headers ?? []) as { name: string; value: string }[],
    body: { contentType: content?.contentType === 'html' ? 'html' : 'text', content: String(content?.content ?? '') },
  });
  return json(201, projectMessage(draft, DRAFT_FIELDS));
}

function createMessage(ctx: Ctx): Reply | Promise<Reply> {
  const type = String(ctx.req.headers['content-type'] ?? '');
  if (type.startsWith('text/plain')) return createFromMime(ctx);
  if (type.startsWith('application/json')) return createFromJson(ctx);
  return graphError(415, 'UnsupportedMediaType', `Unsupported Content-Type ${type}`);
}

export const draftCreateRoutes: Route[] = [
  { method: 'POST', pattern: /^\/v1\.0\/me\/(?:mailFolders\/drafts\/)?messages$/i, handle: createMessage },
];
