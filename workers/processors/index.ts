import type { PipelineContext } from '../../src/pipeline/context.js';
import type { Processors } from '../main.js';
import { sendReplyProcessor } from './send-reply.js';
import { syncMailboxProcessor } from './sync-mailbox.js';

/** Wires each job name to its handler. Handlers are small files beside this one. */
export function buildProcessors(ctx: PipelineContext, prefix: string): Processors {
  return {
    'sync-mailbox': syncMailboxProcessor(ctx, prefix),
    'send-reply': sendReplyProcessor(ctx, prefix),
  };
}
