import { DateTime } from 'luxon';
import { alertPreview, type AlertPayload } from '../../domain/alerts/payload.js';
import { planAlert } from '../../domain/alerts/plan.js';
import type { MessageMeta } from '../../domain/message.js';
import type { Client, Settings } from '../../domain/settings.js';
import type { Signal } from '../../domain/signals/index.js';
import { jobIds } from '../../jobs/definitions.js';
import type { AccountRow } from '../../storage/accounts.js';
import { findAlert, insertAlert } from '../../storage/alerts.js';
import { logActivity } from '../../storage/activity.js';
import type { PipelineContext } from '../context.js';

export interface AlertInput {
  account: Pick<AccountRow, 'id' | 'user_id'>;
  settings: Settings;
  message: MessageMeta;
  client: Client | null;
  signals: readonly Signal[];
}

/**
 * Records the alerts one message earns (one row per channel, unique per message and channel) and
 * queues their jobs: at once, or at the end of the user's quiet hours. A second call for the same
 * message finds the rows and queues nothing new.
 */
export async function queueAlerts(ctx: PipelineContext, input: AlertInput): Promise<number> {
  const { account, settings, message, client, signals } = input;
  const now = DateTime.fromJSDate(ctx.now(), { zone: 'utc' });
  const plan = planAlert(settings, client, signals, now);
  if (!plan || !message.from) return 0;
  const ref = message.messageId ?? message.providerMessageId;
  const sendAfter = plan.sendAt.toJSDate();
  let queued = 0;
  for (const channel of plan.channels) {
    const payload: AlertPayload = {
      type: 'boundary.alert',
      id: `${account.id}.${message.providerMessageId}.${channel}`,
      rule: plan.rule,
      why: plan.why,
      client: { name: client!.name, id: client!.id ?? null },
      from: { name: message.from.name ?? null, address: message.from.address },
      subject: message.subject,
      preview: alertPreview(message.snippet),
      receivedAt: message.receivedAt,
      signals: signals.map(({ code, text, evidence }) => ({ code, text, evidence })),
      url: `/activity?ref=${encodeURIComponent(ref)}`,
    };
    const inserted = await insertAlert(ctx.db, { userId: account.user_id, accountId: account.id, providerMessageId: message.providerMessageId, channel, rule: plan.rule, clientId: client!.id ?? null, ref, payload, sendAfter });
    // Decided again after a crash between the row and its job: a pending row gets its job (same id) again.
    const row = inserted ?? (await findAlert(ctx.db, account.id, message.providerMessageId, channel));
    if (!row || row.state !== 'pending') continue;
    if (inserted) queued += 1;
    // bigserial reads as a number on PGlite and a string on pg: the job id is always a string.
    const alertId = String(row.id);
    await ctx.producer.add('send-alert', { alertId }, { jobId: jobIds.sendAlert(alertId), delay: Math.max(0, row.send_after.getTime() - ctx.now().getTime()) });
  }
  if (queued > 0 && plan.heldForQuiet) {
    const local = plan.sendAt.setZone(settings.timeZone).toFormat('ccc HH:mm');
    await logActivity(ctx.db, { userId: account.user_id, accountId: account.id, clientId: client!.id ?? null, kind: 'alert.held', summary: `An alert about "${message.subject}" waits for the end of your quiet hours (${local}). ${plan.why}.`, ref, at: ctx.now() });
  }
  return queued;
}
