import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { accountPausedFor, pauseAccount } from '../src/jobs/account-gate.js';
import { JOBS, type JobName } from '../src/jobs/definitions.js';
import { countProviderError } from '../src/metrics/record.js';
import { markNeedsReconnect, recordJobFailure } from '../src/pipeline/account-status.js';
import type { PipelineContext } from '../src/pipeline/context.js';
import { ProviderError } from '../src/providers/types.js';

const DEFAULT_RATE_LIMIT_MS = 60_000;
/** Without a Retry-After, a passing fault is retried after 1 s, 2 s, 4 s... up to a minute. */
const FAULT_RETRY_BASE_MS = 1_000;
const FAULT_RETRY_MAX_MS = 60_000;

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
export async function withAccountPolicy<T>(ctx: PipelineContext, job: Job, token: string | undefined, accountId: string, work: () => Promise<T>): Promise<T> {
  const pausedFor = await accountPausedFor(ctx.redis, ctx.producer.prefix, accountId);
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
        await pauseAccount(ctx.redis, ctx.producer.prefix, accountId, ms);
        await job.moveToDelayed(Date.now() + ms, token);
        throw new DelayedError();
      }
      case 'auth_revoked':
        await markNeedsReconnect(ctx, accountId, err.message);
        throw new UnrecoverableError(`account ${accountId} needs reconnecting: ${err.message}`);
      case 'permanent':
      case 'not_found':
        await recordJobFailure(ctx, accountId, job.name, err.message);
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
