import type { Job } from 'bullmq';
import { withAccountPolicy } from '../account-policy.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { sendReply } from '../../src/pipeline/send-reply.js';
import { getReply } from '../../src/storage/ledger.js';

export function sendReplyProcessor(ctx: PipelineContext) {
  return async ({ replyId, accountId }: { replyId: string; accountId?: string }, job: Job, token?: string) => {
    // Jobs queued before the payload named the account find it from the reply.
    const account = accountId ?? (await getReply(ctx.db, replyId))?.account_id;
    if (!account) return 'gone';
    return withAccountPolicy(ctx, job, token, account, () => sendReply(ctx, replyId));
  };
}
