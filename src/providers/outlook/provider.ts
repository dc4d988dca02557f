import type { CalendarProvider, CallGate, DraftWriter, HeldDrafts, MailProvider, WatchInfo } from '../types.js';
import { OutlookCalendar } from './calendar.js';
import { outlookDraftWriter } from './draft-writer.js';
import { createGraphClient } from './graph-client.js';
import { outlookHeldDrafts } from './held-drafts.js';
import { OutlookMail } from './mail.js';
import { OutlookWatch } from './watch.js';

export interface OutlookProviderOptions {
  /** https://graph.microsoft.com in production (no /v1.0). */
  baseUrl: string;
  getAccessToken: () => Promise<string>;
  notificationUrl: string;
  lifecycleUrl: string;
  clientState: string;
  now: () => Date;
  /** The mailbox's shared pause after a 429, checked before every call. */
  gate?: CallGate;
  /** The grant holds Mail.ReadWrite: offer writing drafts into the user's Drafts (issue 20). */
  draftWriter?: boolean;
}

/** Held drafts (issue 21) need Mail.ReadWrite too: offered where drafts can be written. */
export type OutlookProvider = MailProvider & CalendarProvider & { draftWriter?: DraftWriter; heldDrafts?: HeldDrafts };

const INBOX = "/me/mailFolders('inbox')/messages";

/** Outlook mailbox + calendar behind the narrow provider interfaces. Watches are Graph subscriptions. */
export function createOutlookProvider(opts: OutlookProviderOptions): OutlookProvider {
  const client = createGraphClient(opts.baseUrl, opts.getAccessToken, opts.gate, opts.now);
  const mail = new OutlookMail(client, opts.baseUrl, opts.now);
  const watch = new OutlookWatch(client, opts, opts.now);
  let address: Promise<string> | undefined;
  const userAddress = () => {
    address ??= mail.profile().then((p) => p.address).catch((err: unknown) => {
      address = undefined;
      throw err;
    });
    return address;
  };
  const calendar = new OutlookCalendar(client, opts.now, userAddress);
  return {
    kind: 'microsoft',
    profile: () => mail.profile(),
    baseline: () => mail.baseline(),
    mailChangesSince: (cursor, known) => mail.mailChangesSince(cursor, known),
    resyncSince: (since) => mail.resyncSince(since),
    send: (m) => mail.send(m),
    findSent: (id) => mail.findSent(id),
    sentSince: (since, limit, known) => mail.sentSince(since, limit, known),
    startWatch: () => watch.start(INBOX, 'created'),
    renewWatch: (current: WatchInfo) => watch.renew(current),
    stopWatch: (current: WatchInfo) => watch.stop(current),
    calendarBaseline: () => calendar.calendarBaseline(),
    calendarChangesSince: (cursor) => calendar.calendarChangesSince(cursor),
    startCalendarWatch: () => watch.start('/me/events', 'created,updated,deleted'),
    renewCalendarWatch: (current: WatchInfo) => watch.renew(current),
    stopCalendarWatch: (current: WatchInfo) => watch.stop(current),
    answerInvitation: (inv, answer, comment, proposal) => calendar.answerInvitation(inv, answer, comment, proposal),
    freeBusy: (from, to) => calendar.freeBusy(from, to),
    timeOffBetween: (from, to) => calendar.timeOffBetween(from, to),
    ...(opts.draftWriter ? { draftWriter: outlookDraftWriter(client, opts.now), heldDrafts: outlookHeldDrafts(client, opts.now) } : {}),
  };
}
