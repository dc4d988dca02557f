import { logActivity } from '../../storage/activity.js';
import { recordScopeRequest } from '../../storage/scopes.js';
import type { PipelineContext } from '../context.js';
import type { InboundEvent } from '../signal-reactions.js';

/**
 * A client with an overdue invoice asks for new work: the user hears it before saying yes, in
 * Activity now and in the next digest. Recorded once per message, so a re-decided message warns once.
 */
export async function warnNewWorkWhileUnpaid(ctx: PipelineContext, e: InboundEvent): Promise<void> {
  const signal = e.signals.find((s) => s.code === 'new-work-while-unpaid');
  const sender = (e.message.replyTo[0] ?? e.message.from)?.address;
  if (!signal || !e.client?.id || !sender) return;
  const { created } = await recordScopeRequest(ctx.db, {
    userId: e.account.user_id, clientId: e.client.id, accountId: e.account.id, providerMessageId: e.message.providerMessageId,
    kind: 'new-work-while-unpaid', evidence: signal.evidence, receivedAt: new Date(e.message.receivedAt), clientAddresses: [sender],
  });
  if (!created) return;
  await logActivity(ctx.db, {
    userId: e.account.user_id, accountId: e.account.id, clientId: e.client.id, kind: 'money.new-work-while-unpaid',
    summary: `Warning: ${e.client.name} asks for new work ("${signal.evidence}") while an invoice is overdue. ${signal.text}.`,
    reasons: [{ code: 'new-work-while-unpaid', message: signal.text }],
    ref: e.message.messageId ?? e.message.providerMessageId, at: ctx.now(),
  });
}
