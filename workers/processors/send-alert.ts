import type { Job } from 'bullmq';
import type { PipelineContext } from '../../src/pipeline/context.js';
import type { AlertDelivery } from '../../src/pipeline/alerts/delivery.js';
import { sendAlert } from '../../src/pipeline/alerts/send-alert.js';

export function sendAlertProcessor(ctx: PipelineContext, delivery: AlertDelivery) {
  // The last attempt records a passing failure as final, so the alert's row never stays pending.
  return ({ alertId }: { alertId: string }, job: Job) => sendAlert(ctx, delivery, alertId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
}
