import { DateTime } from 'luxon';
import { firstContactNote } from '../../domain/agreements/first-contact.js';
import type { Decision } from '../../domain/decide-message.js';
import { replyLanguage } from '../../domain/language.js';
import { correspondence } from '../../storage/signals.js';
import type { PipelineContext } from '../context.js';
import { requestDraft } from '../drafts.js';
import type { InboundEvent } from '../signal-reactions.js';

/**
 * Decisions whose first reason says "a person, a client, writing now": the hours categories and
 * the client rules. Machine mail, backlog, spam and colleagues are never greeted as new clients.
 */
const CLIENT_MAIL: ReadonlySet<string> = new Set(['within-hours', 'after-hours', 'weekend', 'holiday', 'vacation', 'vip', 'auto-reply-off', 'already-replied-to-sender', 'already-replied-in-thread', 'invitation-answered', 'unsafe-header']);
export const isClientMail = (d: Decision) => CLIENT_MAIL.has(d.reasons[0]?.code ?? '');

/**
 * A new client's first message (no earlier mail with them either way in this mailbox): a short
 * "how I work" note, drafted in their language for the user to send. Once per address.
 */
export async function draftFirstContactNote(ctx: PipelineContext, e: InboundEvent): Promise<void> {
  const { account, message, client, settings } = e;
  if (settings.firstContact.mode !== 'draft' || !client || !account.drafting || !isClientMail(e.decision)) return;
  const sender = message.from?.address;
  const to = (message.replyTo[0] ?? message.from)?.address;
  if (!sender || !to) return;
  // The signals already read the sender's earlier mail; only a reaction resumed after a crash reads it again.
  if ((e.earlierMail ?? (await correspondence(ctx.db, account.id, sender, message.receivedAt))).length > 0) return;
  const language = replyLanguage(message, settings, client);
  const note = firstContactNote(message, settings, client, language, DateTime.fromJSDate(ctx.now(), { zone: 'utc' }));
  await requestDraft(ctx, {
    accountId: account.id, userId: account.user_id, clientId: client.id ?? null, kind: 'first-contact', dedupeKey: `first-contact:${sender}`,
    to, subject: note.subject, text: note.text, language,
    inReplyTo: { providerMessageId: message.providerMessageId, messageId: message.messageId, threadId: message.threadId },
  }, account);
}
