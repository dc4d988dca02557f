import { DateTime } from 'luxon';
import { until } from '../dev/support/google-service.js';
import { HOLD_LABEL } from '../src/providers/gmail/held-drafts.js';
import { ME, ZONE } from './scenario.js';
import type { DemoService } from './service.js';
import { green } from './terminal.js';

/**
 * Issue 21 in the demo: Elira writes a reply at night and marks it to wait (a Gmail draft with
 * Boundary's label); at her working start its delayed send job runs and Gmail sends the draft.
 */

const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const heldRow = (s: DemoService, subject: string) =>
  s.runtime.database.db.selectFrom('held_messages').select(['id', 'state', 'send_at']).where('subject', '=', subject).executeTakeFirst();

export async function markToWait(s: DemoService, e: { to: string; subject: string; body: string }): Promise<string> {
  const id = s.google.control.drafts.create(`From: ${ME}\r\nTo: ${e.to}\r\nSubject: ${e.subject}\r\n\r\n${e.body}\r\n`);
  s.google.control.drafts.label(id, HOLD_LABEL);
  const hook = `${s.baseUrl}/webhooks/google/pubsub`;
  await s.google.control.push(hook, { emailAddress: ME, historyId: '0' }, { audience: hook });
  const row = await until(() => heldRow(s, e.subject));
  const goes = local(row.send_at.toISOString()).toFormat('ccc d LLL HH:mm');
  return green(`→ held; Boundary will send it ${goes}`);
}

/** The send job is delayed in real time; on the demo's clock its time has come, so it runs now. */
export async function sendWhenDue(s: DemoService, subject: string): Promise<{ sent: boolean; text: string }> {
  const row = await heldRow(s, subject);
  if (!row) return { sent: false, text: 'nothing was held' };
  for (const job of await s.runtime.producer.queue('send').getDelayed()) {
    if (job.name === 'send-held' && (job.data as { heldId?: string }).heldId === String(row.id)) await job.promote();
  }
  const done = await until(async () => (await heldRow(s, subject))?.state !== 'waiting').catch(() => false);
  const sent = done && (await s.google.control.sent()).some((m) => m.raw.includes(`Subject: ${subject}`));
  // The digest built at 08:00 this morning listed it under "Waiting to send".
  const today = local(row.send_at.toISOString()).toISODate()!;
  const digest = await s.runtime.database.db.selectFrom('digests').select('text').where('user_id', '=', s.userId).where('date', '=', today).executeTakeFirst();
  const listed = digest?.text.includes(`"${subject}"`) ? " (this morning's digest listed it under Waiting to send)" : '';
  const at = local(row.send_at.toISOString()).toFormat('HH:mm');
  return { sent, text: sent ? green(`→ Boundary sends it at ${at}${listed}`) : `→ not sent (state ${(await heldRow(s, subject))?.state})` };
}
