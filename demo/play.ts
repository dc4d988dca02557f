import { DateTime } from 'luxon';
import type { EmulatorControl } from '../dev/emulators/harness.js';
import { markToWait, sendWhenDue } from './hold.js';
import { MAILBOXES, ZONE, type DemoEvent, type Mailbox } from './scenario.js';
import { idle, type DemoService } from './service.js';
import { dim, green } from './terminal.js';

export const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

export interface Outcome {
  replied: boolean;
  text: string;
}

/**
 * One scenario event, delivered the way its provider delivers it: Gmail by a Pub/Sub push the demo
 * sends on the emulator's behalf, Outlook by the Graph emulator's own change notification to our
 * webhook. Returns once the pipeline is idle again, with what Boundary did.
 */
export async function play(s: DemoService, accounts: Record<Mailbox, string>, event: DemoEvent): Promise<Outcome> {
  const mailbox = event.mailbox ?? 'gmail';
  const me = MAILBOXES[mailbox].address;
  const control: EmulatorControl = mailbox === 'outlook' ? s.microsoft.control : s.google.control;
  const db = s.runtime.database.db;
  if (event.kind === 'hold') return { replied: false, text: await markToWait(s, event) };
  if (event.kind === 'held-due') {
    const { sent, text } = await sendWhenDue(s, event.subject);
    return { replied: sent, text };
  }
  if (event.kind === 'sent') {
    const thread = await threadOf(s, event.subject);
    await control.injectSentMessage({ from: me, to: [event.to], subject: event.subject, ...(thread ? { threadId: thread } : {}) });
    return { replied: false, text: dim('(sent by Elira)') };
  }
  if (event.kind === 'invite') {
    await control.injectEvent({ subject: event.subject, organizer: event.organizer, attendees: [event.organizer, me], start: local(event.start).toUTC().toISO()!, end: local(event.end).toUTC().toISO()! });
    // Graph has already notified our webhook; the Google emulator has no calendar push, so sync as the poll would.
    if (mailbox === 'gmail') await s.runtime.producer.add('sync-calendar', { accountId: accounts.gmail, reason: 'demo' }, { jobId: `sync-calendar-${accounts.gmail}` });
    await idle(s.runtime);
    const row = await db.selectFrom('invitations').select(['answer', 'decision']).where('data', '@>', JSON.stringify({ subject: event.subject }) as never).executeTakeFirst();
    return { replied: Boolean(row?.answer), text: row?.answer ? green(`→ ${row.answer}, with times inside her hours`) : dim('→ noted') };
  }
  const thread = await threadOf(s, event.subject);
  const { providerMessageId } = await control.injectMessage({ from: event.from, to: [me], subject: event.subject, ...(event.body ? { body: event.body } : {}), ...(event.headers ? { headers: event.headers } : {}), ...(thread ? { threadId: thread } : {}) });
  if (mailbox === 'gmail') {
    const hook = `${s.baseUrl}/webhooks/google/pubsub`;
    await s.google.control.push(hook, { emailAddress: me, historyId: '0' }, { audience: hook });
  }
  await idle(s.runtime);
  const decision = await db.selectFrom('decisions').select(['id', 'reasons']).where('account_id', '=', accounts[mailbox]).where('provider_message_id', '=', providerMessageId).executeTakeFirst();
  const reply = decision ? await db.selectFrom('replies').select('state').where('decision_id', '=', decision.id).executeTakeFirst() : undefined;
  const replied = reply?.state === 'sent';
  // The rule's own words ("Return-Path is null…"), not its code: the story is read by people.
  const why = (decision?.reasons as Array<{ message: string }> | undefined)?.[0]?.message ?? 'not decided';
  return { replied, text: replied ? green('→ polite reply sent') : dim(`→ no reply (${why})`) };
}

/** A "Re:" joins the thread of the message it answers, as a mail client would. */
async function threadOf(s: DemoService, subject: string): Promise<string | undefined> {
  if (!/^Re: /.test(subject)) return undefined;
  const row = await s.runtime.database.db.selectFrom('messages').select('thread_id').where('subject', '=', subject.replace(/^Re: /, '')).executeTakeFirst();
  return row?.thread_id;
}
