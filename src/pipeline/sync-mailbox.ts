import { jobIds } from '../jobs/definitions.js';
import { QueueUnavailableError } from '../jobs/producer.js';
import { countInWindowLua, redisScript } from '../jobs/redis.js';
import { ProviderError } from '../providers/types.js';
import { logActivity } from '../storage/activity.js';
import { finishMailPass, markReacted } from '../storage/ledger.js';
import { accountForMailPass } from '../storage/settings-store.js';
import { scanHeldDrafts } from './held-messages.js';
import type { PipelineContext } from './context.js';
import { decideNewMail, enqueueReply } from './decide-new-mail.js';

const HOUR_MS = 3_600_000;

export interface SyncOutcome {
  skipped?: string;
  messages: number;
  decided: number;
  replies: number;
  resynced: boolean;
}

/**
 * One pass over an account's new inbox mail. The cursor advances only after every message was
 * decided and recorded, and only from the value this pass started with (compare-and-set), so a
 * racing pass can never move it backwards.
 */
export async function syncMailbox(ctx: PipelineContext, accountId: string): Promise<SyncOutcome> {
  const loaded = await accountForMailPass(ctx.db, accountId);
  if (!loaded) return { skipped: 'account deleted', messages: 0, decided: 0, replies: 0, resynced: false };
  const { account, settings, version, decidedSinceSync } = loaded;
  if (account.status === 'needs-reconnect') return { skipped: 'needs reconnect', messages: 0, decided: 0, replies: 0, resynced: false };
  const provider = await ctx.providers(account);

  let resynced = false;
  let changes;
  try {
    if (!account.mail_cursor) throw new ProviderError('cursor_expired', 'no cursor yet');
    changes = await provider.mailChangesSince(account.mail_cursor, decidedSinceSync);
  } catch (err) {
    if (!(err instanceof ProviderError) || err.kind !== 'cursor_expired') throw err;
    // Never reach further back than the connect baseline or the backlog cutoff.
    const now = ctx.now().getTime();
    const since = new Date(Math.max(account.baseline_at.getTime(), now - settings.backlogCutoffHours * HOUR_MS));
    changes = await provider.resyncSince(since.toISOString());
    resynced = true;
    await logActivity(ctx.db, {
      userId: account.user_id,
      accountId: account.id,
      kind: 'sync.resync',
      summary: `The mailbox change history expired, so Boundary re-read mail since ${since.toISOString()}. Nothing older than the backlog cutoff is answered.`,
      at: ctx.now(),
    });
  }

  for (const m of changes.messages) {
    if (m.dropped) ctx.logger.warn({ accountId: account.id, providerMessageId: m.providerMessageId, dropped: m.dropped }, 'invalid addresses or message ids dropped');
  }
  const { reacted, queued, ...outcome } = await decideNewMail(ctx, account, settings, version, changes.messages);
  if (changes.incomplete) {
    // What could be read is decided (and is not fetched again); come back for the rest without
    // moving the cursor. Progress was made, so this waits rather than counts as a failure.
    await markReacted(ctx.db, account.id, reacted, ctx.now());
    throw new ProviderError(changes.incomplete.kind, `some messages could not be read yet: ${changes.incomplete.reason}`, changes.incomplete.retryAfterMs);
  }
  const pending = await finishMailPass(ctx.db, { accountId: account.id, reacted, cursor: { from: account.mail_cursor, to: changes.cursor }, queued, at: ctx.now() });
  // An invitation (or its cancellation) came by mail: read the calendar now, not at the next poll.
  if (changes.messages.some((m) => m.calendarMethod === 'REQUEST' || m.calendarMethod === 'CANCEL')) {
    await ctx.producer.add('sync-calendar', { accountId: account.id, reason: 'invitation-mail' }, { jobId: jobIds.syncCalendar(account.id) });
  }
  // A crash between recording a reply and enqueueing it leaves a queued row with no job:
  // re-adding with the deterministic id is harmless when the job already exists.
  for (const reply of pending) await enqueueReply(ctx, reply.id, account.id, reply.send_after.getTime() - ctx.now().getTime());
  // Drafts the user marked to wait (only where the grant allows drafts): recorded and scheduled once.
  if (provider.heldDrafts) await scanHeldDrafts(ctx, account, provider.heldDrafts, settings);
  return { messages: changes.messages.length, ...outcome, resynced };
}

/** Repeated notifications collapse into one pending job; a counter catches those that land mid-sync. */
export const syncGenerationKey = (prefix: string, accountId: string) => `${prefix}:sync-gen:${accountId}`;

/**
 * Asks for a sync of the account's mail. A push also counts against the mailbox's push `budget`
 * in the same round trip (a push storm is the hot path): when it is spent nothing is bumped or
 * queued, and the answer is the milliseconds until it renews; otherwise 0.
 */
export async function requestMailSync(ctx: Pick<PipelineContext, 'producer' | 'redis'>, accountId: string, reason: string, budget?: { key: string; max: number; windowMs: number }): Promise<number> {
  const jobId = jobIds.syncMailbox(accountId);
  if (ctx.redis.status !== 'ready') throw new QueueUnavailableError(`Redis is ${ctx.redis.status}; cannot enqueue sync-mailbox`);
  // One round trip bumps the counter and says whether a sync is already pending or running. If
  // one is, an add would be ignored anyway (same id): a running pass sees the new generation, and
  // so does the check after its job completes (workers/processors/sync-mailbox.ts).
  const generation = syncGenerationKey(ctx.producer.prefix, accountId);
  const job = ctx.producer.queue('sync').toKey(jobId);
  const answer = budget ? await budgetedBump(ctx.redis, budget.key, generation, job, budget.max, budget.windowMs) : await bumpGeneration(ctx.redis, generation, job);
  if (answer < 0) return -answer;
  if (answer === 0) await ctx.producer.add('sync-mailbox', { accountId, reason }, { jobId });
  return 0;
}

/** INCR the generation and EXISTS the job, as one script: a pipeline object costs more than the call. */
const bumpLua = (generation: number, job: number) => `redis.call("INCR", KEYS[${generation}]) return redis.call("EXISTS", KEYS[${job}])`;
const bumpGeneration = redisScript<[generationKey: string, jobKey: string]>('boundaryBumpSync', 2, bumpLua(1, 2));
/** The same after counting one push in a fixed window; over `max`, minus the window's remaining ms. */
const budgetedBump = redisScript<[budgetKey: string, generationKey: string, jobKey: string, max: number, windowMs: number]>(
  'boundaryBudgetedBumpSync',
  3,
  `${countInWindowLua(1, 1, 2)}if over > 0 then return -over end
${bumpLua(2, 3)}`,
);
