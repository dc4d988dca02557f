import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { JOBS, type JobName } from '../jobs/definitions.js';
import { countProviderError } from '../metrics/record.js';
import type { Redis } from 'ioredis';
import { ProviderError, type CallGate } from '../providers/types.js';
import { getAccount, setAccountStatus } from '../storage/accounts.js';
import { logActivity } from '../storage/activity.js';
import type { PipelineContext } from './context.js';
import { acquireSlot, slotsKey } from './request-slots.js';

const DEFAULT_RATE_LIMIT_MS = 60_000;
/** Without a Retry-After, a passing fault is retried after 1 s, 2 s, 4 s... up to a minute. */
const FAULT_RETRY_BASE_MS = 1_000;
const FAULT_RETRY_MAX_MS = 60_000;

export const pauseKey = (prefix: string, accountId: string) => `${prefix}:pause:${accountId}`;

/**
 * The account's pause, checked before each provider call (see CallGate). Best effort: without
 * Redis the call goes ahead, and the job layer still pauses the account when it sees the 429.
 */
export function accountPauseGate(redis: Redis, prefix: string, accountId: string): CallGate {
  const key = pauseKey(prefix, accountId);
  return {
    async before() {
      const left = await redis.pttl(key).catch(() => 0);
      if (left > 0) throw new ProviderError('rate_limited', `the account is paused for ${left} ms after a throttled call`, left);
    },
    async throttled(ms) {
      await redis.set(key, '1', 'PX', Math.max(1, ms)).catch(() => {});
    },
    slot: (limit) => acquireSlot(redis, slotsKey(prefix, accountId), limit),
  };
}

/**
 * The failure policy for any job that talks to one account's provider:
 * - rate_limited: pause that account (every job of it) until Retry-After; others continue;
 * - auth_revoked: mark the account needs-reconnect and stop, with no retry storm;
 * - permanent / not_found: record it in the activity log and stop;
 * - transient: while the job is inside its fault window (`retryFaultsForMs`), wait for that call's
 *   Retry-After and run again without spending an attempt; the work keeps its recorded steps, so
 *   the next run starts where this one stopped. After the window, and for anything else: rethrow,
 *   so BullMQ counts an attempt and backs off exponentially with jitter.
 */
export async function withAccountPolicy<T>(ctx: PipelineContext, prefix: string, job: Job, token: string | undefined, accountId: string, work: () => Promise<T>): Promise<T> {
  const key = pauseKey(prefix, accountId);
  const pausedFor = await ctx.redis.pttl(key);
  if (pausedFor > 0) {
    await job.moveToDelayed(Date.now() + pausedFor, token);
    throw new DelayedError();
  }
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    countProviderError(ctx, err.kind);
    switch (err.kind) {
      case 'rate_limited': {
        const ms = Math.max(1, err.retryAfterMs ?? DEFAULT_RATE_LIMIT_MS);
        await ctx.redis.set(key, '1', 'PX', ms);
        await job.moveToDelayed(Date.now() + ms, token);
        throw new DelayedError();
      }
      case 'auth_revoked':
        await markNeedsReconnect(ctx, accountId, err.message);
        throw new UnrecoverableError(`account ${accountId} needs reconnecting: ${err.message}`);
      case 'permanent':
      case 'not_found':
        await recordFailure(ctx, accountId, job.name, err.message);
        throw new UnrecoverableError(err.message);
      case 'transient': {
        const ms = faultRetryDelay(job, err.retryAfterMs, Date.now());
        if (ms === undefined) throw err;
        await job.moveToDelayed(Date.now() + ms, token);
        throw new DelayedError();
      }
      default:
        throw err;
    }
  }
}

/** When to run again after a passing fault, or undefined once the job's fault window is over. */
export function faultRetryDelay(job: Pick<Job, 'name' | 'timestamp' | 'opts' | 'attemptsStarted' | 'attemptsMade'>, retryAfterMs: number | undefined, nowMs: number): number | undefined {
  const def = JOBS[job.name as JobName] as { retryFaultsForMs?: number } | undefined;
  const firstDue = job.timestamp + (job.opts.delay ?? 0);
  if (!def?.retryFaultsForMs || nowMs - firstDue >= def.retryFaultsForMs) return undefined;
  if (retryAfterMs !== undefined) return Math.max(1, retryAfterMs);
  // Runs since the last counted attempt: each delayed run starts once more without failing.
  const faults = Math.max(0, job.attemptsStarted - job.attemptsMade - 1);
  const ms = Math.min(FAULT_RETRY_MAX_MS, FAULT_RETRY_BASE_MS * 2 ** Math.min(faults, 16));
  return Math.round(ms * (0.5 + Math.random() / 2));
}

export async function markNeedsReconnect(ctx: PipelineContext, accountId: string, reason: string): Promise<void> {
  const account = await getAccount(ctx.db, accountId);
  if (!account || account.status === 'needs-reconnect') return;
  await setAccountStatus(ctx.db, accountId, 'needs-reconnect', 'Access was revoked or expired. Reconnect the account to resume.');
  await logActivity(ctx.db, {
    userId: account.user_id,
    accountId,
    kind: 'account.needs-reconnect',
    summary: `${account.address} needs reconnecting: Boundary can no longer reach it (${reason}). Nothing is sent until you reconnect.`,
    at: ctx.now(),
  });
}

async function recordFailure(ctx: PipelineContext, accountId: string, jobName: string, reason: string): Promise<void> {
  const account = await getAccount(ctx.db, accountId);
  if (!account) return;
  await logActivity(ctx.db, { userId: account.user_id, accountId, kind: 'error', summary: `${jobName} failed and will not be retried: ${reason}`, at: ctx.now() });
}
