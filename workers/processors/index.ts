import type { PipelineContext } from '../../src/pipeline/context.js';
import { pollAccounts, renewAllWatches } from '../../src/pipeline/schedules.js';
import type { Processors } from '../main.js';
import { answerInvitationProcessor, renewWatchProcessor, syncCalendarProcessor } from './account-jobs.js';
import type { DigestDelivery } from '../../src/pipeline/digest-send.js';
import { buildDigestProcessor, scanDigestsProcessor, startDigestsProcessor } from './digest.js';
import { scanAllFollowUpsProcessor, scanFollowUpsProcessor } from './follow-up.js';
import { sendReplyProcessor } from './send-reply.js';
import { syncMailboxProcessor } from './sync-mailbox.js';

/** Wires each job name to its handler. Handlers are small files beside this one. */
export function buildProcessors(ctx: PipelineContext, prefix: string, digest: DigestDelivery = { from: 'Boundary <digest@localhost>' }): Processors {
  return {
    'sync-mailbox': syncMailboxProcessor(ctx, prefix),
    'sync-calendar': syncCalendarProcessor(ctx, prefix),
    'send-reply': sendReplyProcessor(ctx, prefix),
    'answer-invitation': answerInvitationProcessor(ctx, prefix),
    'renew-watch': renewWatchProcessor(ctx, prefix),
    'poll-accounts': () => pollAccounts(ctx, prefix),
    'renew-watches': () => renewAllWatches(ctx),
    'start-digests': startDigestsProcessor(ctx),
    'build-digest': buildDigestProcessor(ctx, digest),
    'scan-digests': scanDigestsProcessor(ctx),
    'scan-follow-ups': scanFollowUpsProcessor(ctx),
    'scan-all-follow-ups': scanAllFollowUpsProcessor(ctx),
  };
}
