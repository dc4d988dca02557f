import type { Job } from 'bullmq';
import { withAccountPolicy } from '../account-policy.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { requestMailSync, syncGenerationKey, syncMailbox, type SyncOutcome } from '../../src/pipeline/sync-mailbox.js';

const MAX_PASSES = 5;

interface SyncRun {
  passes: SyncOutcome[];
  /** The notification counter as the last pass began: every notification up to it was read. */
  generation: string | null;
}

/**
 * Repeats the sync while notifications keep arriving mid-pass (their jobs were collapsed into this
 * one). A notification that lands after the last check, while the job is finishing, found the job
 * still there and was collapsed into it too: once the job is gone, `afterCompleted` sees the counter
 * moved and asks for one more sync, so no notification waits for the next poll.
 */
export function syncMailboxProcessor(ctx: PipelineContext) {
  const run = async ({ accountId }: { accountId: string }, job: Job, token?: string): Promise<SyncRun> =>
    withAccountPolicy(ctx, job, token, accountId, async () => {
      const key = syncGenerationKey(ctx.producer.prefix, accountId);
      const passes: SyncOutcome[] = [];
      let generation = await ctx.redis.get(key);
      for (let i = 0; ; i++) {
        passes.push(await syncMailbox(ctx, accountId));
        const now = await ctx.redis.get(key);
        // After the last allowed pass, `generation` stays what that pass covered: what arrived
        // during it is still unread, and afterCompleted asks for another sync for it.
        if (now === generation || i + 1 >= MAX_PASSES) break;
        generation = now;
      }
      return { passes, generation };
    });
  const afterCompleted = async (job: Job, result: unknown): Promise<void> => {
    const { accountId } = job.data as { accountId: string };
    const seen = (result as Partial<SyncRun> | undefined)?.generation;
    if (seen === undefined || (await ctx.redis.get(syncGenerationKey(ctx.producer.prefix, accountId))) === seen) return;
    await requestMailSync(ctx, accountId, 'arrived while the last sync finished');
  };
  return Object.assign(run, { afterCompleted });
}
