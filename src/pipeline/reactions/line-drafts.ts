import { replyLanguage } from '../../domain/language.js';
import { draftSubject, lineDraftText, type LineDraftKind } from '../../domain/reply/line-drafts.js';
import type { PipelineContext } from '../context.js';
import { requestDraft } from '../drafts.js';
import type { InboundEvent } from '../signal-reactions.js';
import { isFreshClientMail } from './pressure.js';

/**
 * Issue 18: abusive mail gets a calm draft that sets the line; urgent mail, at any hour, a calm
 * "what is the real deadline?". Drafts only: the user decides whether to send. One per thread
 * and kind, so a client who writes "URGENT" five times gets one question, not five.
 */
export async function lineDraftReaction(ctx: PipelineContext, e: InboundEvent): Promise<void> {
  if (!isFreshClientMail(e)) return;
  const codes = new Set(e.signals.map((s) => s.code));
  // After an insult, the line comes first; a deadline question then would read as giving in.
  const kind: LineDraftKind | null = codes.has('abusive') ? 'set-the-line' : codes.has('urgent') ? 'deadline-question' : null;
  if (!kind) return;
  const { message, settings, client, account } = e;
  const recipient = message.replyTo[0] ?? message.from!;
  const language = replyLanguage(message, settings, client);
  await requestDraft(ctx, {
    accountId: account.id,
    userId: account.user_id,
    clientId: client?.id ?? null,
    kind,
    dedupeKey: `${kind}:${message.threadId}`,
    to: recipient.address,
    subject: draftSubject(message.subject, settings.subjectPrefix),
    text: lineDraftText({ kind, language, recipientName: recipient.name ?? null, userName: settings.name }),
    language,
    inReplyTo: { providerMessageId: message.providerMessageId, messageId: message.messageId, threadId: message.threadId },
  }, account);
}
