import type { InvitationMeta } from '../../domain/message.js';
import { ProviderError, type CalendarProvider, type InvitationAnswer, type MailProvider, type WatchInfo } from '../types.js';
import * as caldav from './calendar.js';
import { withImap } from './connection.js';
import { imapError } from './errors.js';
import { cursorOf, inboxChanges, resyncInbox, sentMessagesSince } from './mail.js';
import { findInSent, sendOnce, smtpTransport } from './send.js';
import type { ImapAccess } from './settings.js';

export interface ImapProviderOptions extends ImapAccess {
  now: () => Date;
}

export type ImapProvider = MailProvider & CalendarProvider;

/** No CalDAV: the calendar is empty, and invitations are judged from mail alone. */
const NO_CALENDAR = 'caldav-none';
/** IMAP has nothing to register: the watcher role holds IDLE. The "watch" only marks that it should. */
const WATCH_DAYS = 30;

export function createImapProvider(o: ImapProviderOptions): ImapProvider {
  const imap = <T>(work: Parameters<typeof withImap<T>>[1]) => withImap(o, work);
  const watch = (): WatchInfo => ({ id: `imap-idle:${o.address.toLowerCase()}`, expiresAt: new Date(o.now().getTime() + WATCH_DAYS * 86_400_000).toISOString() });

  async function sendItip(invitation: InvitationMeta, text: string, reply: string, method: 'REPLY' | 'COUNTER'): Promise<void> {
    if (!invitation.organizer) return;
    const transport = smtpTransport(o);
    try {
      await transport.sendMail({
        from: o.address,
        to: invitation.organizer.address,
        subject: `${method === 'COUNTER' ? 'New time proposed' : 'Reply'}: ${invitation.subject}`.replace(/[\r\n]+/g, ' ').slice(0, 200),
        text,
        icalEvent: { method, content: reply },
        headers: { 'Auto-Submitted': 'auto-replied' },
      });
    } catch (err) {
      throw imapError(err, 'The SMTP server');
    } finally {
      transport.close();
    }
  }

  return {
    kind: 'imap',
    profile: () => imap(async () => ({ address: o.address.toLowerCase(), aliases: [] })),
    baseline: () => imap(async (c) => cursorOf(await c.mailboxOpen('INBOX', { readOnly: true }))),
    startWatch: async () => watch(),
    renewWatch: async () => watch(),
    stopWatch: async () => {},
    mailChangesSince: (cursor, known) => imap((c) => inboxChanges(c, cursor, known)),
    resyncSince: (since) => imap((c) => resyncInbox(c, since)),
    send: (mail) => imap((c) => sendOnce(c, o, mail)),
    findSent: (messageId) => imap(async (c) => ((await findInSent(c, messageId)) ? { providerMessageId: messageId } : null)),
    sentSince: (since, limit, known) => imap((c) => sentMessagesSince(c, since, limit, known)),

    calendarBaseline: async () => (o.servers.caldav ? caldav.calendarBaseline(o) : NO_CALENDAR),
    calendarChangesSince: async (cursor) => (o.servers.caldav && cursor !== NO_CALENDAR ? caldav.calendarChangesSince(o, cursor, o.now()) : { invitations: [], cursor }),
    startCalendarWatch: async () => {
      throw new ProviderError('permanent', 'CalDAV has no push notifications; the calendar is polled');
    },
    renewCalendarWatch: async () => {
      throw new ProviderError('permanent', 'CalDAV has no push notifications; the calendar is polled');
    },
    stopCalendarWatch: async () => {},
    async answerInvitation(invitation: InvitationMeta, answer: InvitationAnswer, comment: string, proposal?: { start: string; end: string }) {
      if (!o.servers.caldav) throw new ProviderError('permanent', 'Answering an invitation needs the CalDAV calendar of this mailbox');
      const result = await caldav.recordAnswer(o, invitation, answer, comment, o.now(), proposal);
      await sendItip(invitation, comment, result.reply, result.method);
    },
    freeBusy: async (from, to) => (o.servers.caldav ? caldav.freeBusy(o, from, to) : []),
  };
}
