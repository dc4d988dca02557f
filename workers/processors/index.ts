import type { PipelineContext } from '../../src/pipeline/context.js';
import { pollAccounts, renewAllWatches } from '../../src/pipeline/schedules.js';
import type { Processors } from '../main.js';
import { answerInvitationProcessor, renewWatchProcessor, syncCalendarProcessor } from './account-jobs.js';
import type { DigestDelivery } from '../../src/pipeline/digest-send.js';
import { buildDigestProcessor, scanDigestsProcessor, startDigestsProcessor } from './digest.js';
import { scanAllFollowUpsProcessor, scanFollowUpsProcessor } from './follow-up.js';
import { sendHeldProcessor } from './send-held.js';
import { sendReplyProcessor } from './send-reply.js';
import { syncMailboxProcessor } from './sync-mailbox.js';
import { writeDraftProcessor } from './write-draft.js';

/** Wires each job name to its handler. Handlers are small files beside this one. */
export function buildProcessors(ctx: PipelineContext, digest: DigestDelivery = { from: 'Boundary <digest@localhost>' }): Processors {
  return {
    'sync-mailbox': syncMailboxProcessor(ctx),
    'sync-calendar': syncCalendarProcessor(ctx),
    'send-reply': sendReplyProcessor(ctx),
    'send-held': sendHeldProcessor(ctx),
    'write-draft': writeDraftProcessor(ctx),
    'answer-invitation': answerInvitationProcessor(ctx),
    'renew-watch': renewWatchProcessor(ctx),
    'poll-accounts': () => pollAccounts(ctx),
    'renew-watches': () => renewAllWatches(ctx),
    'start-digests': startDigestsProcessor(ctx),
    'build-digest': buildDigestProcessor(ctx, digest),
    'scan-digests': scanDigestsProcessor(ctx),
    'scan-follow-ups': scanFollowUpsProcessor(ctx),
    'scan-all-follow-ups': scanAllFollowUpsProcessor(ctx),
  };
}
