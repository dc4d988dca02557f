import type { Job } from 'bullmq';
import { withAccountPolicy } from '../account-policy.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { writeDraft } from '../../src/pipeline/write-draft.js';
import { getDraft } from '../../src/storage/drafts.js';

export function writeDraftProcessor(ctx: PipelineContext) {
  return async ({ draftId }: { draftId: string }, job: Job, token?: string) => {
    const draft = await getDraft(ctx.db, draftId);
    if (!draft) return 'gone';
    return withAccountPolicy(ctx, job, token, draft.account_id, () => writeDraft(ctx, draftId));
  };
}
