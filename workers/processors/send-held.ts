import type { Job } from 'bullmq';
import { withAccountPolicy } from '../account-policy.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { sendHeld } from '../../src/pipeline/held-messages.js';
import { getHeld } from '../../src/storage/held-messages.js';

export function sendHeldProcessor(ctx: PipelineContext) {
  return async ({ heldId }: { heldId: string }, job: Job, token?: string) => {
    const held = await getHeld(ctx.db, heldId);
    if (!held) return 'not-held';
    return withAccountPolicy(ctx, job, token, held.account_id, () => sendHeld(ctx, heldId));
  };
}
