import type { Job } from 'bullmq';
import { withAccountPolicy } from '../../src/pipeline/account-failures.js';
import { answerInvitation } from '../../src/pipeline/answer-invitation.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { renewWatch } from '../../src/pipeline/renew-watch.js';
import { syncCalendar } from '../../src/pipeline/sync-calendar.js';
import { getInvitation } from '../../src/storage/invitations.js';

/** Jobs about one account run under the account failure policy (rate limits, revoked access). */
export function syncCalendarProcessor(ctx: PipelineContext, prefix: string) {
  return ({ accountId }: { accountId: string }, job: Job, token?: string) => withAccountPolicy(ctx, prefix, job, token, accountId, () => syncCalendar(ctx, accountId));
}

export function renewWatchProcessor(ctx: PipelineContext, prefix: string) {
  return ({ accountId }: { accountId: string }, job: Job, token?: string) => withAccountPolicy(ctx, prefix, job, token, accountId, () => renewWatch(ctx, accountId));
}

export function answerInvitationProcessor(ctx: PipelineContext, prefix: string) {
  return async ({ invitationId }: { invitationId: string }, job: Job, token?: string) => {
    const row = await getInvitation(ctx.db, invitationId);
    if (!row) return 'gone';
    return withAccountPolicy(ctx, prefix, job, token, row.account_id, () => answerInvitation(ctx, invitationId));
  };
}
