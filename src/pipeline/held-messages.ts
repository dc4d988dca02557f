import { DateTime } from 'luxon';
import { matchClient } from '../domain/clients.js';
import { heldSendTime } from '../domain/held/send-time.js';
import { jobIds } from '../jobs/definitions.js';
import { redisScript } from '../jobs/redis.js';
import type { Settings } from '../domain/settings.js';
import { ProviderError, type HeldDraft, type HeldDrafts, type SendProgress, type SendStep } from '../providers/types.js';
import type { AccountRow } from '../storage/accounts.js';
import { getAccount } from '../storage/accounts.js';
import { logActivity } from '../storage/activity.js';
import { getHeld, getHeldOfUser, heldDraftVersions, insertHeld, recordHeldSendStep, refreshHeldDraft, transitionHeld, updateHeldContent, waitingOfAccount, type HeldRow, type HeldState } from '../storage/held-messages.js';
import { effectiveSettings } from '../storage/settings-store.js';
import type { PipelineContext } from './context.js';

/**
 * Issue 21: drafts the user marked to wait are sent at the next working start. The scan records
 * each newly marked draft once (unique per account and draft) with its send time and queues one
 * delayed job; the send step is exactly-once: the state moves to `sending` with the Message-ID of
 * the content about to go before drafts.send, and a retry that finds the draft gone looks for that
 * Message-ID in Sent before deciding nothing went.
 */

export async function enqueueHeld(ctx: PipelineContext, held: Pick<HeldRow, 'id' | 'send_at'>): Promise<void> {
  await ctx.producer.add('send-held', { heldId: String(held.id) }, {
    jobId: jobIds.sendHeld(String(held.id), held.send_at), delay: Math.max(0, held.send_at.getTime() - ctx.now().getTime()),
  });
}

/** However often mail arrives, an account's drafts are listed at most this often (the poll still reaches every account). */
export const HELD_SCAN_EVERY_MS = 120_000;

/** True at most once per HELD_SCAN_EVERY_MS of `nowMs` per key: the stored instant moves only when a scan is due. */
const scanDue = redisScript<[key: string, nowMs: number, everyMs: number, ttlMs: number]>('boundaryHeldScanDue', 1,
  'local last = tonumber(redis.call("GET", KEYS[1]) or "-1") ' +
  'if last >= 0 and tonumber(ARGV[1]) - last < tonumber(ARGV[2]) and tonumber(ARGV[1]) >= last then return 0 end ' +
  'redis.call("SET", KEYS[1], ARGV[1], "PX", ARGV[3]) return 1');

/**
 * Records and schedules drafts newly marked in this account; returns how many were new. Only new
 * or changed drafts are read (the versions kept from earlier scans), and at most once every
 * HELD_SCAN_EVERY_MS per account. Every waiting message is queued again under its deterministic
 * id, so a crash between recording and queueing, or a job that came early, loses nothing.
 */
export async function scanHeldDrafts(ctx: PipelineContext, account: AccountRow, held: HeldDrafts, settings?: Settings): Promise<number> {
  const mine = settings ?? (await effectiveSettings(ctx.db, account.user_id));
  if (!mine.hold.enabled) return 0;
  const nowMs = ctx.now().getTime();
  if (!(await scanDue(ctx.redis, `${ctx.producer.prefix}:held-scan:${account.id}`, nowMs, HELD_SCAN_EVERY_MS, HELD_SCAN_EVERY_MS * 10))) return 0;
  const known = await heldDraftVersions(ctx.db, account.id);
  const marked = await held.listMarked(known);
  for (const row of await waitingOfAccount(ctx.db, account.id)) await enqueueHeld(ctx, row);
  let added = 0;
  for (const draft of marked) {
    const recipient = draft.recipients[0] ?? '';
    if (known.has(draft.draftId)) {
      await refreshHeldDraft(ctx.db, account.id, draft.draftId, { version: draft.version, recipient, subject: draft.subject });
      continue;
    }
    if (await holdDraft(ctx, account, mine, draft, recipient)) added++;
  }
  return added;
}

async function holdDraft(ctx: PipelineContext, account: AccountRow, settings: Settings, draft: HeldDraft, recipient: string): Promise<boolean> {
  const now = DateTime.fromJSDate(ctx.now(), { zone: settings.timeZone });
  const client = draft.recipients.map((r) => matchClient(r, settings)).find((c) => c !== null) ?? undefined;
  const when = heldSendTime(settings, client, now);
  const row = await insertHeld(ctx.db, {
    userId: account.user_id, accountId: account.id, draftId: draft.draftId, fingerprint: draft.fingerprint, messageId: draft.messageId,
    recipient, subject: draft.subject, clientId: client?.id ?? null, basis: when.basis, reason: when.reason,
    sendAt: when.at.toJSDate(), markedAt: ctx.now(), version: draft.version,
  });
  if (!row) return false;
  await logActivity(ctx.db, { userId: account.user_id, accountId: account.id, clientId: row.client_id, kind: 'held.waiting',
    summary: `Your reply to ${recipient} "${draft.subject}" is held. ${when.reason}`, ref: row.id, at: ctx.now() });
  await enqueueHeld(ctx, row);
  return true;
}

export type HeldOutcome = 'sent' | 'recovered' | 'gone' | 'cancelled' | 'not-held' | 'already-done' | 'not-yet';

/** Sends one held message, at most once, as the draft reads now. */
export async function sendHeld(ctx: PipelineContext, heldId: string): Promise<HeldOutcome> {
  const row = await getHeld(ctx.db, heldId);
  if (!row) return 'not-held';
  if (row.state !== 'waiting' && row.state !== 'sending') return 'already-done';
  // A job run before its time (promoted by hand, a clock step) leaves the message waiting; the next scan queues it again.
  if (row.state === 'waiting' && row.send_at.getTime() > ctx.now().getTime()) return 'not-yet';
  const account = await getAccount(ctx.db, row.account_id);
  const held = account ? (await ctx.providers(account)).heldDrafts : undefined;
  if (!account || !held) return finish(ctx, row, ['waiting', 'sending'], 'cancelled', 'account', 'The mailbox was disconnected or no longer allows sending drafts, so the held reply was not sent.');

  let draft = await held.get(row.draft_id);
  if (row.state === 'sending') {
    // A send may have reached the provider. Sending removes the draft, so a draft still there was
    // not sent, unless the provider files the copy before it drops the draft (then Sent tells).
    if (!draft) return recoverOrGone(ctx, row);
    if (held.sentCopy && row.message_id && (await held.sentCopy(row.message_id))) return sent(ctx, row, draft, 'recovered');
    if (!(await transitionHeld(ctx.db, row.id, ['sending'], 'waiting'))) return 'already-done';
  }
  if (!draft) return finish(ctx, row, ['waiting'], 'gone', 'draft-deleted', `The draft to ${row.recipient} "${row.subject}" was deleted while it waited, so nothing was sent.`);
  if (!draft.marked) return finish(ctx, row, ['waiting'], 'cancelled', 'unmarked', `You took the hold off the draft to ${row.recipient}; Boundary left it in your drafts.`);
  if (draft.fingerprint !== row.fingerprint) {
    await updateHeldContent(ctx.db, row.id, draft.fingerprint, draft.messageId);
    await logActivity(ctx.db, { userId: row.user_id, accountId: row.account_id, clientId: row.client_id, kind: 'held.edited',
      summary: `The draft to ${row.recipient} was edited while it waited; the edited version is the one that goes.`, ref: row.id, at: ctx.now() });
  }
  if (!(await transitionHeld(ctx.db, row.id, ['waiting'], 'sending', { messageId: draft.messageId }))) return 'already-done';
  try {
    await held.send(row.draft_id, sendProgress(ctx, row));
  } catch (err) {
    // Deleted between the read and the send: nothing went, unless that read was of a send already made.
    if (err instanceof ProviderError && err.kind === 'not_found') return recoverOrGone(ctx, { ...row, message_id: draft.messageId });
    throw err;
  }
  return sent(ctx, row, draft, 'sent');
}

/** The send steps of a multi-step provider (IMAP), kept on the row so a retry resumes instead of resending. */
function sendProgress(ctx: PipelineContext, row: HeldRow): SendProgress {
  let step = (row.send_step ?? null) as SendStep | null;
  return {
    get step() { return step; },
    async record(next) {
      await recordHeldSendStep(ctx.db, row.id, next);
      step = next;
    },
  };
}

async function recoverOrGone(ctx: PipelineContext, row: HeldRow): Promise<HeldOutcome> {
  const account = await getAccount(ctx.db, row.account_id);
  const provider = account ? await ctx.providers(account) : null;
  const lookIn = provider?.heldDrafts?.sentCopy ? provider.heldDrafts.sentCopy.bind(provider.heldDrafts) : provider?.findSent.bind(provider);
  const found = row.message_id && lookIn ? await lookIn(row.message_id) : null;
  if (found) return sent(ctx, row, null, 'recovered');
  return finish(ctx, row, ['sending'], 'gone', 'draft-deleted', `The draft to ${row.recipient} "${row.subject}" was deleted before it went out, so nothing was sent.`);
}

async function sent(ctx: PipelineContext, row: HeldRow, draft: HeldDraft | null, outcome: 'sent' | 'recovered'): Promise<HeldOutcome> {
  if (!(await transitionHeld(ctx.db, row.id, ['sending'], 'sent', { sentAt: ctx.now() }))) return 'already-done';
  const late = outcome === 'recovered' ? ' (found in your sent mail after an interruption; not sent again)' : '';
  await logActivity(ctx.db, { userId: row.user_id, accountId: row.account_id, clientId: row.client_id, kind: 'held.sent',
    summary: `Sent your held reply to ${row.recipient} "${draft?.subject ?? row.subject}"${late}.`, ref: row.id, at: ctx.now() });
  return outcome;
}

async function finish(ctx: PipelineContext, row: HeldRow, from: HeldState[], to: 'gone' | 'cancelled', code: string, summary: string): Promise<HeldOutcome> {
  if (!(await transitionHeld(ctx.db, row.id, from, to, { reason: summary }))) return 'already-done';
  await logActivity(ctx.db, { userId: row.user_id, accountId: row.account_id, clientId: row.client_id, kind: `held.${to}`, summary,
    reasons: [{ code, message: summary }], ref: row.id, at: ctx.now() });
  return to;
}

export type HeldAction = { ok: true; held: HeldRow } | { ok: false; problem: 'not-found' | 'not-waiting'; held?: HeldRow };

/** "Send now": the held message goes at once, through the same exactly-once send step. */
export async function sendHeldNow(ctx: PipelineContext, userId: string, id: string): Promise<HeldAction> {
  const row = await getHeldOfUser(ctx.db, userId, id);
  if (!row) return { ok: false, problem: 'not-found' };
  const at = ctx.now();
  if (!(await transitionHeld(ctx.db, row.id, ['waiting'], 'waiting', { sendAt: at }))) return { ok: false, problem: 'not-waiting', held: row };
  await enqueueHeld(ctx, { id: row.id, send_at: at });
  await logActivity(ctx.db, { userId, accountId: row.account_id, clientId: row.client_id, kind: 'held.send-now',
    summary: `You asked for your held reply to ${row.recipient} to go now.`, ref: row.id, at });
  return { ok: true, held: { ...row, send_at: at } };
}

/** "Cancel": nothing is sent, and the draft stays in the user's drafts. */
export async function cancelHeld(ctx: PipelineContext, userId: string, id: string): Promise<HeldAction> {
  const row = await getHeldOfUser(ctx.db, userId, id);
  if (!row) return { ok: false, problem: 'not-found' };
  const summary = `You cancelled the held reply to ${row.recipient} "${row.subject}"; it stays in your drafts and nothing was sent.`;
  if (!(await transitionHeld(ctx.db, row.id, ['waiting'], 'cancelled', { reason: summary }))) return { ok: false, problem: 'not-waiting', held: row };
  await logActivity(ctx.db, { userId, accountId: row.account_id, clientId: row.client_id, kind: 'held.cancelled', summary, ref: row.id, at: ctx.now() });
  return { ok: true, held: { ...row, state: 'cancelled' } };
}
