import { confirmsRecap, decisionSentence, recapDraft } from '../../domain/agreements/recap.js';
import { replyLanguage } from '../../domain/language.js';
import type { ReplyLanguage } from '../../domain/settings.js';
import { ownText } from '../../domain/signals/text.js';
import { signalMessage } from '../../domain/signals/index.js';
import { insertRecap, pendingRecapsInThread, userWroteSince } from '../../storage/agreements.js';
import { logActivity } from '../../storage/activity.js';
import type { PipelineContext } from '../context.js';
import { requestDraft } from '../drafts.js';
import { confirmRecap } from '../recaps.js';
import { refreshSentMail } from '../sent-mail.js';
import type { InboundEvent } from '../signal-reactions.js';

const DRAFTED: Record<'queued' | 'exists' | 'off', string> = {
  queued: 'A recap for them to confirm is being drafted in your mailbox; nothing is sent for you.',
  exists: 'The recap was already drafted.',
  off: 'Turn drafting on for this mailbox to get the recap as a draft; you can also confirm it yourself on the client page.',
};

/**
 * A client's decision ("let's go with B", "approved") is offered back as a recap to confirm, in
 * writing: a draft quoting their words, and a pending recap that their "yes, confirmed" (or the
 * user) turns into an agreement. One recap per message.
 */
export async function offerRecap(ctx: PipelineContext, e: InboundEvent): Promise<void> {
  const { account, message, client, settings } = e;
  const signal = e.signals.find((s) => s.code === 'decision');
  const to = (message.replyTo[0] ?? message.from)?.address;
  if (!signal || !client || !to) return;
  const language = replyLanguage(message, settings, client);
  const decision = decisionSentence(ownText(signalMessage(message)), signal.evidence);
  const ref = message.messageId ?? message.providerMessageId;
  const recap = await insertRecap(ctx.db, {
    userId: account.user_id, accountId: account.id, clientId: client.id ?? null, threadId: message.threadId, providerMessageId: message.providerMessageId,
    messageRef: ref, subject: message.subject, decision, evidence: signal.evidence, language,
  }, ctx.now());
  const draft = recapDraft(message, decision, settings, language);
  const outcome = await requestDraft(ctx, {
    accountId: account.id, userId: account.user_id, clientId: client.id ?? null, kind: 'recap', dedupeKey: `recap:${message.providerMessageId}`,
    to, subject: draft.subject, text: draft.text, language,
    inReplyTo: { providerMessageId: message.providerMessageId, messageId: message.messageId, threadId: message.threadId },
  }, account);
  if (!recap) return; // offered and told before
  await logActivity(ctx.db, {
    userId: account.user_id, accountId: account.id, clientId: client.id ?? null, kind: 'recap.offered',
    summary: `${client.name} decided something in "${message.subject}": "${decision}". ${DRAFTED[outcome]}`,
    reasons: [{ code: 'decision', message: `${signal.text}: "${signal.evidence}"` }], ref, at: ctx.now(),
  });
}

/**
 * The client's reply in a thread with a pending recap: once the user has written there since the
 * recap was offered (the recap went out), a "yes, confirmed" makes each pending recap an agreement.
 */
export async function confirmRecapByReply(ctx: PipelineContext, e: InboundEvent): Promise<void> {
  const { account, message, client } = e;
  if (!client?.id) return;
  const pending = await pendingRecapsInThread(ctx.db, account.id, message.threadId);
  if (pending.length === 0) return;
  const at = new Date(message.receivedAt);
  // The recap the user sent may not be in the ledger yet: sent mail is read on demand.
  await refreshSentMail(ctx, account).catch((err: Error) => ctx.logger.warn({ accountId: account.id, err: err.message }, 'could not read sent mail'));
  for (const recap of pending) {
    if (recap.provider_message_id === message.providerMessageId || recap.client_id !== client.id) continue;
    if (!(await userWroteSince(ctx.db, account.id, message.threadId, recap.created_at, at))) continue;
    if (!confirmsRecap(message.subject, message.snippet ?? '', recap.language as ReplyLanguage)) continue;
    await confirmRecap(ctx.db, account.user_id, recap, 'client', ctx.now(), { clientId: client.id });
  }
}
