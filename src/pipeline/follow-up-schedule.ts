import { jobIds } from '../jobs/definitions.js';
import type { PipelineContext } from './context.js';
import { usersToScanForFollowUps } from '../storage/reminders.js';

const HOUR_MS = 3_600_000;

/**
 * At worker start: an hourly service-wide pass that enqueues one follow-up scan per user. The job
 * id names the user and the hour, so several workers (or a restart) enqueue each scan once.
 */
export async function startFollowUpSchedules(ctx: Pick<PipelineContext, 'producer'>): Promise<void> {
  await ctx.producer.schedule('scan-all-follow-ups', HOUR_MS);
}

/** Users with something to watch: a connected account or a recorded expectation. */
export async function enqueueFollowUpScans(ctx: Pick<PipelineContext, 'db' | 'producer' | 'now'>): Promise<number> {
  const rows = await usersToScanForFollowUps(ctx.db);
  const bucket = Math.floor(ctx.now().getTime() / HOUR_MS);
  for (const { id } of rows) await ctx.producer.add('scan-follow-ups', { userId: id }, { jobId: jobIds.scanFollowUps(id, bucket) });
  return rows.length;
}
