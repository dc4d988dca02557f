import { queueAlerts } from '../alerts/queue-alerts.js';
import type { PipelineContext } from '../context.js';
import type { InboundEvent } from '../signal-reactions.js';
import { isFreshClientMail } from './pressure.js';

/** Issue 18: a VIP's mail, and urgent mail from chosen clients, reach the user now. */
export async function alertReaction(ctx: PipelineContext, e: InboundEvent): Promise<void> {
  if (!isFreshClientMail(e)) return;
  await queueAlerts(ctx, e);
}
