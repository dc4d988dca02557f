import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import webpush from 'web-push';
import { alertEmailText, alertWords, type AlertPayload } from '../../domain/alerts/payload.js';
import { listedClient } from '../../domain/clients.js';
import type { Settings } from '../../domain/settings.js';
import type { AlertRow } from '../../storage/alerts.js';
import { deletePushSubscription, listPushSubscriptions } from '../../storage/alerts.js';
import type { PipelineContext } from '../context.js';
import { senderAccount } from '../digest-send.js';
import { signBody, webhookSigningSecret, type AlertDelivery } from './delivery.js';
import { OutboundError, sendOutbound } from './outbound-http.js';

/** How one channel went: 'skipped' when there was nowhere to send (no browser subscribed, say). */
export type ChannelResult = { sent: true; via: string } | { sent: false; skipped: string };

const absolute = (delivery: AlertDelivery, p: AlertPayload): AlertPayload => ({ ...p, url: new URL(p.url, delivery.publicUrl).toString() });

export async function sendWebhook(row: AlertRow, settings: Settings, delivery: AlertDelivery): Promise<ChannelResult> {
  const url = settings.alerts.webhook?.url;
  if (!url) return { sent: false, skipped: 'the webhook was removed from your alert settings' };
  const body = JSON.stringify(absolute(delivery, row.payload));
  await sendOutbound({
    url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Boundary-Alerts',
      'x-boundary-event': 'alert',
      // Same on every retry: a receiver that saw it already can drop the repeat.
      'x-boundary-delivery': row.payload.id,
      'x-boundary-signature': signBody(webhookSigningSecret(delivery.sessionSecret, row.user_id), body),
    },
    body,
    timeoutMs: delivery.timeoutMs,
    allowPrivate: delivery.allowPrivateHosts,
  });
  return { sent: true, via: `webhook ${new URL(url).host}` };
}

/** Web Push (RFC 8030) with VAPID (RFC 8292) to each subscribed browser; a gone one is forgotten. */
export async function sendPush(ctx: PipelineContext, row: AlertRow, delivery: AlertDelivery): Promise<ChannelResult> {
  const subscriptions = await listPushSubscriptions(ctx.db, row.user_id);
  if (subscriptions.length === 0) return { sent: false, skipped: 'no browser has turned on notifications' };
  const keys = await delivery.vapid();
  const words = alertWords(row.payload);
  const message = JSON.stringify({ title: words.title, body: words.body, url: absolute(delivery, row.payload).url, tag: row.payload.id });
  let delivered = 0;
  let lastError: OutboundError | null = null;
  for (const s of subscriptions) {
    const details = webpush.generateRequestDetails({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, message, {
      vapidDetails: keys,
      TTL: 3600,
      urgency: 'high',
      topic: createHash('sha256').update(row.payload.id).digest('base64url').slice(0, 32),
    });
    try {
      await sendOutbound({ url: details.endpoint, method: 'POST', headers: details.headers as Record<string, string>, body: details.body ?? '', timeoutMs: delivery.timeoutMs, allowPrivate: delivery.allowPrivateHosts });
      delivered += 1;
    } catch (err) {
      if (!(err instanceof OutboundError)) throw err;
      // 404/410: the browser unsubscribed (RFC 8030 §7.3); forget it.
      if (err.status === 404 || err.status === 410) await deletePushSubscription(ctx.db, s.endpoint);
      else lastError = err;
    }
  }
  if (delivered > 0) return { sent: true, via: `Web Push to ${delivered} browser${delivered === 1 ? '' : 's'}` };
  if (lastError) throw lastError;
  return { sent: false, skipped: 'every subscribed browser had unsubscribed' };
}

export function alertMessageId(row: AlertRow): string {
  const hash = createHash('sha256').update(`${row.user_id}\n${row.payload.id}`).digest('hex').slice(0, 24);
  return `<alert.${hash}@boundary.invalid>`;
}

/** Auto-generated (RFC 3834), so no one auto-answers it; it goes only to the user's own address. */
async function alertMime(row: AlertRow, delivery: AlertDelivery, from: string, to: string): Promise<string> {
  const p = absolute(delivery, row.payload);
  const composer = new MailComposer({
    from,
    to,
    subject: `[Boundary] ${alertWords(p).title}`,
    text: alertEmailText(p),
    messageId: alertMessageId(row),
    date: row.created_at,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Boundary-Alert': p.id },
  });
  return (await composer.compile().build()).toString();
}

export async function sendAlertEmail(ctx: PipelineContext, row: AlertRow, settings: Settings, delivery: AlertDelivery): Promise<ChannelResult> {
  const to = settings.alerts.email?.to;
  if (!to) return { sent: false, skipped: 'the alert address was removed from your alert settings' };
  // Alerts are for the user; a listed client's address here is a mistake Boundary must not act on.
  const client = listedClient(to, settings);
  if (client) return { sent: false, skipped: `${to} belongs to your client ${client.name}; alerts go only to your own address` };
  if (delivery.smtp) {
    await delivery.smtp.sendMail({ envelope: { from: bareAddress(delivery.from), to: [to] }, raw: await alertMime(row, delivery, delivery.from, to) });
    return { sent: true, via: `email to ${to}` };
  }
  const account = await senderAccount(ctx.db, row.user_id);
  if (!account) return { sent: false, skipped: 'no connected mailbox can send it' };
  const provider = await ctx.providers(account);
  const messageId = alertMessageId(row);
  // A retry after a crash mid-send finds the first copy in Sent instead of sending a second.
  if (row.attempts > 1 && (await provider.findSent(messageId))) return { sent: true, via: `email to ${to} (found already sent)` };
  await provider.send({ mime: await alertMime(row, delivery, account.address, to), messageId });
  return { sent: true, via: `email to ${to} from ${account.address}` };
}

function bareAddress(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m ? m[1]! : from).trim();
}
