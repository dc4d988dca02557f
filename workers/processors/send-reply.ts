import type { Job } from 'bullmq';
import { withAccountPolicy } from '../account-policy.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { sendReply } from '../../src/pipeline/send-reply.js';
import { getReply } from '../../src/storage/ledger.js';

export function sendReplyProcessor(ctx: PipelineContext) {
  return async ({ replyId }: { replyId: string }, job: Job, token?: string) => {
    const reply = await getReply(ctx.db, replyId);
    if (!reply) return 'gone';
    return withAccountPolicy(ctx, job, token, reply.account_id, () => sendReply(ctx, replyId));
  };
}
