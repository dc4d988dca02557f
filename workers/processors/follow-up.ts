import type { PipelineContext } from '../../src/pipeline/context.js';
import { scanFollowUps } from '../../src/pipeline/follow-up-scan.js';
import { draftPaymentReminders } from '../../src/pipeline/payment-reminders.js';
import { refreshUserSentMail } from '../../src/pipeline/sent-mail.js';
import { enqueueFollowUpScans } from '../../src/pipeline/follow-up-schedule.js';

/** One user's scan at the worker's clock; reminders are idempotent, so a retry changes nothing. */
export function scanFollowUpsProcessor(ctx: PipelineContext) {
  return async ({ userId }: { userId: string }) => {
    await refreshUserSentMail(ctx, userId);
    const outcome = await scanFollowUps(ctx, userId, ctx.now());
    return { ...outcome, paymentReminders: await draftPaymentReminders(ctx, userId, ctx.now()) };
  };
}

export function scanAllFollowUpsProcessor(ctx: PipelineContext) {
  return () => enqueueFollowUpScans(ctx);
}
