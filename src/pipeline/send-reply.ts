import { DateTime } from 'luxon';
import { decideMessage } from '../domain/decide-message.js';
import type { MessageMeta } from '../domain/message.js';
import { renderedHeader, renderMime } from '../domain/reply/mime.js';
import { countReply } from '../metrics/record.js';
import { logActivity } from '../storage/activity.js';
import type { AccountRow } from '../storage/accounts.js';
import type { OutgoingMail, SendProgress } from '../providers/types.js';
import { messageRow, recordSendStep, recordSent, replyToSend, rewordReply, startSending, transitionReply, type ReplyRow } from '../storage/ledger.js';
import { refreshSentMail } from './sent-mail.js';
import { messageSignals } from '../storage/signals.js';
import { accountWithSettings } from '../storage/settings-store.js';
import type { PipelineContext } from './context.js';

const DAY_MS = 86_400_000;
/**
 * A check of the user's sent mail stands this long for a retry after a fault in a later step, so a
 * send that keeps meeting faults doesn't read the sent mail again each time. Without faults the gap
 * between check and send is one call; this bounds how much a burst of faults can widen it.
 */
const CHECK_STANDS_MS = 30_000;

export type SendOutcome = 'sent' | 'already-sent' | 'recovered' | 'cancelled' | 'gone';

/**
 * Sends one queued reply, at most once. Before any outside effect it re-checks the world (did the
 * user answer? did the sender get another reply? did settings or sending mode change?). A reply
 * left in `sending` by a crash is reconciled by looking for its Message-ID in the sent folder.
 */
export async function sendReply(ctx: PipelineContext, replyId: string): Promise<SendOutcome> {
  const row = await replyToSend(ctx.db, replyId);
  if (!row) return 'gone';
  const { original, client_id: clientId, ...reply } = row;
  if (reply.state === 'sent') return 'already-sent';
  if (reply.state !== 'queued' && reply.state !== 'sending') return 'gone';
  const loaded = await accountWithSettings(ctx.db, reply.account_id);
  if (!loaded) return cancel(ctx, reply, null, 'account-disconnected', 'The account was disconnected before the reply went out.');
  const { account, settings, version } = loaded;
  const provider = await ctx.providers(account);

  if (reply.state === 'sending') {
    // A send was attempted and may have reached the provider: look for it before any other. A
    // recorded step past submission means it went out and only filing it is left: the provider
    // finishes that from the step, and no re-check may cancel a reply already delivered.
    const found = reply.send_step ? await provider.send(outgoing(ctx, reply, reply.mime, original.providerMessageId)) : await provider.findSent(reply.message_id);
    if (found) {
      await recordSent(ctx.db, reply.id, ctx.now(), { userId: account.user_id, accountId: account.id, clientId, kind: 'reply.sent', summary: `Reply to ${reply.recipient} was already in your sent mail (recovered after an interruption); not sent again.`, ref: original.messageId ?? original.providerMessageId, at: ctx.now() });
      countReply(ctx, 'recovered');
      return 'recovered';
    }
    // Proven not sent: back to queued, so a fault in a later step doesn't repeat this search.
    if (!(await transitionReply(ctx.db, reply.id, ['sending'], 'queued'))) return 'gone';
  }

  if (!account.sending || account.status === 'needs-reconnect') {
    return cancel(ctx, reply, account.user_id, 'sending-off', 'Sending was switched off (preview mode) before the reply went out.', clientId, original);
  }
  // The user's own answer inside the grace period beats an automatic one.
  const fresh = reply.checked_at !== null && ctx.now().getTime() - reply.checked_at.getTime() < CHECK_STANDS_MS;
  // When the sent mail was read for this reply; stored with the move to `sending` below.
  const checkedAt = fresh ? undefined : ctx.now();
  if (!fresh) await refreshSentMail(ctx, account);
  let mime = reply.mime;
  if (version !== reply.settings_version) {
    // Settings changed after the decision: decide again on the new settings, and reword the reply.
    const now = DateTime.fromJSDate(ctx.now(), { zone: 'utc' });
    // The stored signals keep an urgent message's wording (and abuse's hold) on the new settings.
    const again = decideMessage(original, settings, {}, now, await messageSignals(ctx.db, account.id, original.providerMessageId));
    if (again.action !== 'auto-reply' || !again.reply) {
      return cancel(ctx, reply, account.user_id, again.reasons[0]?.code ?? 'settings-changed', `Your settings changed before the reply went out: ${again.reasons[0]?.message ?? 'no reply is due now'}.`, clientId, original);
    }
    mime = renderMime(again.reply, { date: now.setZone(settings.timeZone) });
    await rewordReply(ctx.db, reply.id, mime, version);
  }

  // From here until the provider answers, the reply may be out: a retry finds it in `sending`.
  const start = await startSending(ctx.db, reply, { answeredSince: new Date(original.receivedAt), windowSince: new Date(ctx.now().getTime() - settings.replyWindowDays * DAY_MS), ...(checkedAt ? { checkedAt } : {}) });
  if (start.userAnswered) {
    return cancel(ctx, reply, account.user_id, 'user-answered', 'You answered in the thread during the grace period, so no automatic reply was sent.', clientId, original);
  }
  if (start.otherReply) {
    return cancel(ctx, reply, account.user_id, 'already-replied-to-sender', `${reply.recipient} already got an automatic reply within ${settings.replyWindowDays} days.`, clientId, original);
  }
  if (!start.started) return 'gone';
  const sent = await provider.send(outgoing(ctx, reply, mime, original.providerMessageId));
  const at = ctx.now();
  await recordSent(ctx.db, reply.id, at, {
    userId: account.user_id,
    accountId: account.id,
    clientId,
    kind: 'reply.sent',
    summary: `Sent a polite reply to ${reply.recipient} in the same thread.`,
    ref: original.messageId ?? original.providerMessageId,
    at,
  }, sent.sentCopyId ? sentCopy(account, reply, mime, sent.sentCopyId, at) : undefined);
  countReply(ctx, 'sent');
  return 'sent';
}

/** The ledger row of the reply's copy in the sent folder, as a later read of sent mail would record it. */
function sentCopy(account: AccountRow, reply: ReplyRow, mime: string, providerMessageId: string, at: Date) {
  const meta: MessageMeta = {
    provider: account.provider,
    providerMessageId,
    threadId: reply.thread_id,
    messageId: reply.message_id,
    from: { name: '', address: account.address },
    replyTo: [],
    to: [{ name: '', address: reply.recipient }],
    cc: [],
    bcc: [],
    dateHeader: null,
    receivedAt: at.toISOString(),
    subject: renderedHeader(mime, 'Subject') ?? '',
    headers: {},
    labels: ['sent'],
  };
  return messageRow(account.id, meta, 'out', null, true);
}

function outgoing(ctx: PipelineContext, reply: ReplyRow, mime: string, inReplyToProviderId: string): OutgoingMail {
  let step = reply.send_step;
  const progress: SendProgress = {
    get step() {
      return step;
    },
    async record(next) {
      await recordSendStep(ctx.db, reply.id, next);
      step = next;
    },
  };
  return { mime, messageId: reply.message_id, threadId: reply.thread_id, inReplyToProviderId, progress };
}

async function cancel(ctx: PipelineContext, reply: ReplyRow, userId: string | null, code: string, message: string, clientId: string | null = null, original?: MessageMeta): Promise<SendOutcome> {
  if (await transitionReply(ctx.db, reply.id, ['queued', 'sending'], 'cancelled', { error: code })) countReply(ctx, 'cancelled');
  if (userId) {
    await logActivity(ctx.db, { userId, accountId: reply.account_id, clientId, kind: 'reply.cancelled', summary: message, reasons: [{ code, message }], ref: original ? (original.messageId ?? original.providerMessageId) : null, at: ctx.now() });
  }
  return 'cancelled';
}
