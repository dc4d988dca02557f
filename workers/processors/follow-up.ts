import type { PipelineContext } from '../../src/pipeline/context.js';
import { scanFollowUps } from '../../src/pipeline/follow-up-scan.js';
import { enqueueFollowUpScans } from '../../src/pipeline/follow-up-schedule.js';

/** One user's scan at the worker's clock; reminders are idempotent, so a retry changes nothing. */
export function scanFollowUpsProcessor(ctx: PipelineContext) {
  return ({ userId }: { userId: string }) => scanFollowUps(ctx, userId, ctx.now());
}

export function scanAllFollowUpsProcessor(ctx: PipelineContext) {
  return () => enqueueFollowUpScans(ctx);
}
