import type { Job } from 'bullmq';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { runDigest } from '../../src/pipeline/digest-run.js';
import { scanDigests, startDigests, type DigestSlot } from '../../src/pipeline/digest-schedule.js';
import type { DigestDelivery } from '../../src/pipeline/digest-send.js';

/** BullMQ puts the instant a scheduler run was due in opts.prevMillis; it survives retries. */
export function scheduledInstant(job: Job): Date {
  return new Date(job.opts.prevMillis ?? job.timestamp + (job.opts.delay ?? 0));
}

export function buildDigestProcessor(ctx: PipelineContext, delivery: DigestDelivery) {
  return ({ userId, date }: { userId: string; date?: string }, job: Job) => runDigest(ctx, delivery, userId, { ...(date ? { date } : {}), scheduledAt: scheduledInstant(job) });
}

export function startDigestsProcessor(ctx: PipelineContext) {
  return (slot: DigestSlot, job: Job) => startDigests(ctx, slot, scheduledInstant(job));
}

export function scanDigestsProcessor(ctx: PipelineContext) {
  return () => scanDigests(ctx);
}
