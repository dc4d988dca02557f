import type { Job } from 'bullmq';
import { withAccountPolicy } from '../account-policy.js';
import { answerInvitation } from '../../src/pipeline/answer-invitation.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { renewWatch } from '../../src/pipeline/renew-watch.js';
import { syncCalendar } from '../../src/pipeline/sync-calendar.js';
import { getInvitation } from '../../src/storage/invitations.js';

/** Jobs about one account run under the account failure policy (rate limits, revoked access). */
export function syncCalendarProcessor(ctx: PipelineContext) {
  return ({ accountId }: { accountId: string }, job: Job, token?: string) => withAccountPolicy(ctx, job, token, accountId, () => syncCalendar(ctx, accountId));
}

export function renewWatchProcessor(ctx: PipelineContext) {
  return ({ accountId }: { accountId: string }, job: Job, token?: string) => withAccountPolicy(ctx, job, token, accountId, () => renewWatch(ctx, accountId));
}

export function answerInvitationProcessor(ctx: PipelineContext) {
  return async ({ invitationId }: { invitationId: string }, job: Job, token?: string) => {
    const row = await getInvitation(ctx.db, invitationId);
    if (!row) return 'gone';
    return withAccountPolicy(ctx, job, token, row.account_id, () => answerInvitation(ctx, invitationId));
  };
}
