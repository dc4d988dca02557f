import type { Job } from 'bullmq';
import { withAccountPolicy } from '../../src/pipeline/account-failures.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { syncGenerationKey, syncMailbox, type SyncOutcome } from '../../src/pipeline/sync-mailbox.js';

const MAX_PASSES = 5;

/** Repeats the sync while notifications keep arriving mid-pass (their jobs were collapsed into this one). */
export function syncMailboxProcessor(ctx: PipelineContext, prefix: string) {
  return async ({ accountId }: { accountId: string }, job: Job, token?: string): Promise<SyncOutcome[]> =>
    withAccountPolicy(ctx, prefix, job, token, accountId, async () => {
      const key = syncGenerationKey(prefix, accountId);
      const passes: SyncOutcome[] = [];
      for (let i = 0; i < MAX_PASSES; i++) {
        const generation = await ctx.redis.get(key);
        passes.push(await syncMailbox(ctx, accountId));
        if ((await ctx.redis.get(key)) === generation) break;
      }
      return passes;
    });
}
