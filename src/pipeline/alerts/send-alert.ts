import { alertWords } from '../../domain/alerts/payload.js';
import { claimAlert, finishAlert, getAlert, releaseAlert, type AlertRow } from '../../storage/alerts.js';
import { logActivity } from '../../storage/activity.js';
import { effectiveSettings } from '../../storage/settings-store.js';
import type { PipelineContext } from '../context.js';
import { sendAlertEmail, sendPush, sendWebhook, type ChannelResult } from './channels.js';
import type { AlertDelivery } from './delivery.js';
import { OutboundError } from './outbound-http.js';

export type AlertOutcome = 'sent' | 'skipped' | 'failed' | 'gone' | 'in-progress';

/** A sender that has not finished within this long is presumed dead; its claim may be taken over. */
const STALE_CLAIM_MS = 2 * 60_000;

/**
 * Sends one alert at most once: a claim (pending → sending) keeps two workers apart, a row in a
 * final state is never sent again. A passing failure goes back to pending and throws, so the job
 * retries (a bounded number of times: `lastAttempt` then records it as failed).
 */
export async function sendAlert(ctx: PipelineContext, delivery: AlertDelivery, alertId: string, lastAttempt: boolean): Promise<AlertOutcome> {
  const found = await getAlert(ctx.db, alertId);
  if (!found || !['pending', 'sending'].includes(found.state)) return 'gone';
  const row = await claimAlert(ctx.db, alertId, ctx.now(), new Date(ctx.now().getTime() - STALE_CLAIM_MS));
  if (!row) return 'in-progress';
  const settings = await effectiveSettings(ctx.db, row.user_id);
  let result: ChannelResult;
  try {
    if (row.channel === 'webhook') result = await sendWebhook(row, settings, delivery);
    else if (row.channel === 'push') result = await sendPush(ctx, row, delivery);
    else result = await sendAlertEmail(ctx, row, settings, delivery);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if ((err instanceof OutboundError && err.permanent) || lastAttempt) {
      await finishAlert(ctx.db, row.id, 'failed', ctx.now(), message);
      await record(ctx, row, 'alert.failed', `Could not alert you by ${row.channel} about ${describe(row)}: ${message}.`);
      return 'failed';
    }
    await releaseAlert(ctx.db, row.id, message);
    throw err;
  }
  if (!result.sent) {
    await finishAlert(ctx.db, row.id, 'skipped', ctx.now(), result.skipped);
    await record(ctx, row, 'alert.skipped', `No ${row.channel} alert about ${describe(row)}: ${result.skipped}.`);
    return 'skipped';
  }
  if (!(await finishAlert(ctx.db, row.id, 'sent', ctx.now()))) return 'gone';
  await record(ctx, row, 'alert.sent', `Alerted you (${result.via}) about ${describe(row)}. ${row.payload.why}.`);
  return 'sent';
}

const describe = (row: AlertRow) => `"${alertWords(row.payload).title}"`;

async function record(ctx: PipelineContext, row: AlertRow, kind: string, summary: string): Promise<void> {
  await logActivity(ctx.db, { userId: row.user_id, accountId: row.account_id, clientId: row.client_id, kind, summary, ref: row.ref, at: ctx.now() });
}
