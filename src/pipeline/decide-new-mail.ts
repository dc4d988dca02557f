import { DateTime } from 'luxon';
import { matchClient } from '../domain/clients.js';
import { zoneNamed } from '../domain/hours/zone-clock.js';
import { decideMessage, type Decision } from '../domain/decide-message.js';
import { isAutoReplyOrOutOfOffice } from '../domain/etiquette/index.js';
import type { MessageMeta } from '../domain/message.js';
import type { Signal } from '../domain/signals/index.js';
import { HeaderInjectionError, renderMime } from '../domain/reply/mime.js';
import { countDecision, countMessageSeen, countReply } from '../metrics/record.js';
import type { Settings } from '../domain/settings.js';
import { jobIds } from '../jobs/definitions.js';
import type { AccountRow } from '../storage/accounts.js';
import type { ActivityEntry } from '../storage/activity.js';
import { recordDecisionOnce } from '../storage/decision-record.js';
import { decisionHistory, earlierDecisions, markReacted, recordMessage } from '../storage/ledger.js';
import { messageSignals } from '../storage/signals.js';
import type { PipelineContext } from './context.js';
import { describeDecision } from './explain-decision.js';
import { describeSignals, noticeSignals } from './message-signals.js';
import { reactToSentMail, reactToSignals, type InboundEvent } from './signal-reactions.js';
import { recordSuggestions } from './follow-up-expectations.js';
import { inLanes, relatedGroups } from './related-groups.js';

export interface DecideOutcome {
  decided: number;
  replies: number;
  /** Messages whose reactions ran: the caller marks them when it ends the pass. */
  reacted: string[];
  /** The replies this pass recorded and queued a job for. */
  queued: string[];
}

/**
 * New inbox messages → one decision each, recorded in the ledger (unique per account+message),
 * with a reply queued (or a "would have replied" in preview). Safe to run twice on the same
 * messages: the ledger's unique key turns the second run into a no-op.
 */
export async function decideNewMail(
  ctx: PipelineContext,
  account: AccountRow,
  settings: Settings,
  settingsVersion: number,
  messages: MessageMeta[],
): Promise<DecideOutcome> {
  let decidedCount = 0;
  const queued: string[] = [];
  const own = new Set(settings.addresses);
  // Marked reacted together when the pass ends (by the caller, with the cursor) or stops here:
  // reactions are idempotent, so one that a crash leaves unmarked only runs again on the next pass.
  const reacted: string[] = [];
  const react = async (event: InboundEvent) => {
    await reactToSignals(ctx, event);
    reacted.push(event.message.providerMessageId);
  };
  try {
    await decideEach();
  } catch (err) {
    await markReacted(ctx.db, account.id, reacted, ctx.now());
    throw err;
  }
  return { decided: decidedCount, replies: queued.length, reacted, queued };

  async function decideEach(): Promise<void> {
    const decided = await earlierDecisions(ctx.db, account.id, messages.map((m) => m.providerMessageId));
    // The user's own mail in the pass (rare in an inbox) keeps the whole pass in order.
    const ownMail = messages.some((m) => m.labels.includes('sent') || (m.from && own.has(m.from.address)));
    const groups = ownMail ? [messages] : relatedGroups(messages, (m) => relatedKeys(m, settings));
    await inLanes(groups, LANES, async (group) => {
      for (const message of group) await decideOne(message, decided.get(message.providerMessageId));
    });
  }

  async function decideOne(message: MessageMeta, earlier: EarlierDecision | undefined): Promise<void> {
    const sender = message.from?.address ?? null;
    if (message.labels.includes('sent') || (sender && own.has(sender))) {
      await recordMessage(ctx.db, account.id, message, 'out', null, false);
      countMessageSeen(ctx, 'out');
      await recordSuggestions(ctx.db, account, message, 'out', ctx.now(), settings);
      await reactToSentMail(ctx, { account, settings, message });
      return;
    }
    const client = sender ? matchClient(sender, settings) : null;
    const automated = isAutoReplyOrOutOfOffice(message);
    if (earlier) {
      if (earlier.reacted_at) return;
      // Decided before a crash that cut the reactions short: the stored decision and signals stand.
      const decision: Decision = { action: earlier.action as Decision['action'], category: earlier.category as Decision['category'], client: client ? { name: client.name, ...(client.id ? { id: client.id } : {}) } : null, reasons: earlier.reasons as Decision['reasons'] };
      await react({ account, settings, message, client, decision, signals: await messageSignals(ctx.db, account.id, message.providerMessageId) });
      return;
    }
    const { replies: history, correspondence } = await decisionHistory(ctx.db, account.id, {
      replyTo: (message.replyTo[0] ?? message.from)?.address ?? null,
      threadId: message.threadId,
      inPreview: !account.sending,
      ...(!automated && sender ? { correspondent: { address: sender, before: message.receivedAt } } : {}),
    });
    const signals = automated ? [] : await noticeSignals(ctx, account, settings, message, client, correspondence);
    const earlierMail = automated ? undefined : correspondence;
    countMessageSeen(ctx, 'in');
    // Commitments with a date ("feedback by Friday") become suggestions for the user, never facts.
    if (client && !automated) await recordSuggestions(ctx.db, account, message, 'in', ctx.now(), settings);
    const now = ctx.now();
    const sendAfter = new Date(now.getTime() + settings.gracePeriodMinutes * 60_000);
    const { decision, mime } = rendered(decideMessage(message, settings, history, DateTime.fromJSDate(now, { zone: 'utc' }), signals), DateTime.fromJSDate(sendAfter, { zone: zoneNamed(settings.timeZone) ?? settings.timeZone }));
    const recorded = await recordDecision(ctx, account, message, client?.id ?? null, automated, decision, mime, signals, settings, settingsVersion, now, sendAfter);
    if (!recorded) return; // another worker decided it, and reacts to it
    decidedCount += 1;
    if (recorded.replyId) queued.push(recorded.replyId);
    await react({ account, settings, message, client, decision, signals, earlierMail });
  }
}

/** Groups of related mail decided side by side in one pass; each group keeps its order. */
const LANES = 4;

type EarlierDecision = Awaited<ReturnType<typeof earlierDecisions>> extends Map<string, infer D> ? D : never;

/** What ties messages together: their sender and reply-to, their client, their thread. */
function relatedKeys(m: MessageMeta, settings: Settings): string[] {
  const addresses = [m.from?.address, ...m.replyTo.map((a) => a.address)].filter((a): a is string => Boolean(a));
  const clients = addresses.map((a) => matchClient(a, settings)).filter((c) => c !== null).map((c) => `client:${c.id ?? c.name}`);
  return [`thread:${m.threadId}`, ...addresses.map((a) => `address:${a}`), ...clients];
}

/**
 * The reply's MIME, written once. A value that cannot go into a header safely makes this message
 * a notify-only decision: retrying could never succeed, and the mailbox's other mail must not wait.
 */
function rendered(decision: Decision, date: DateTime): { decision: Decision; mime: string | null } {
  if (decision.action !== 'auto-reply' || !decision.reply) return { decision, mime: null };
  try {
    return { decision, mime: renderMime(decision.reply, { date }) };
  } catch (err) {
    if (!(err instanceof HeaderInjectionError)) throw err;
    const reason = { code: 'unsafe-header' as const, message: `No automatic reply: a value from this message could not be written safely into one (${err.message})` };
    return { decision: { ...decision, action: 'notify-only', reply: undefined, reasons: [reason, ...decision.reasons] }, mime: null };
  }
}

async function recordDecision(
  ctx: PipelineContext,
  account: AccountRow,
  message: MessageMeta,
  messageClientId: string | null,
  automated: boolean,
  decision: Decision,
  mime: string | null,
  signals: Signal[],
  settings: Settings,
  settingsVersion: number,
  now: Date,
  sendAfter: Date,
): Promise<{ replyId: string | null } | null> {
  const clientId = decision.client?.id ?? null;
  const ref = message.messageId ?? message.providerMessageId;
  const entry = { userId: account.user_id, accountId: account.id, clientId, ref, at: now };
  const activity: ActivityEntry[] = [{ ...entry, kind: `decision.${decision.action}`, summary: describeDecision(message, decision), reasons: decision.reasons }];
  if (signals.length > 0) activity.push({ ...entry, kind: 'message.signals', ...describeSignals(message, signals) });
  const reply = decision.action === 'auto-reply' && decision.reply && mime !== null ? { ...decision.reply, mime } : null;
  const preview = !account.sending;
  if (reply) {
    activity.push({
      ...entry,
      kind: preview ? 'reply.preview' : 'reply.queued',
      summary: preview
        ? `Preview mode: would have replied to ${reply.to.address} ("${reply.subject}"). Turn sending on to send replies.`
        : `Reply to ${reply.to.address} queued; it goes out after the ${settings.gracePeriodMinutes}-minute grace period unless you answer first.`,
    });
  }
  const recorded = await recordDecisionOnce(ctx.db, {
    decision: { accountId: account.id, message, clientId, action: decision.action, category: decision.category, reasons: decision.reasons, at: now },
    message: { meta: message, clientId: messageClientId, automated, signals },
    ...(reply
      ? { reply: { accountId: account.id, recipient: reply.to.address, threadId: message.threadId, messageId: reply.messageId, state: preview ? 'preview' as const : 'queued' as const, mime: reply.mime, settingsVersion, sendAfter, createdAt: now } }
      : {}),
    activity,
  });
  if (!recorded) return null; // another worker decided it, and counts it
  // Counted after the statement, so a failed one counts nothing.
  countDecision(ctx, decision);
  if (reply) countReply(ctx, preview ? 'preview' : 'queued');
  const replyId = reply && !preview ? recorded.replyId : null;
  if (replyId) await enqueueReply(ctx, replyId, account.id, Number(settings.gracePeriodMinutes) * 60_000);
  return { replyId };
}

export async function enqueueReply(ctx: PipelineContext, replyId: string, accountId: string, delayMs: number): Promise<void> {
  await ctx.producer.add('send-reply', { replyId, accountId }, { jobId: jobIds.sendReply(replyId), delay: Math.max(0, delayMs) });
}
