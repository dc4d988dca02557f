import type { ImapFlow } from 'imapflow';
import type { InvitationMeta } from '../../domain/message.js';
import { ProviderError, type CalendarChanges, type CalendarProvider, type DraftWriter, type HeldDrafts, type InvitationAnswer, type MailProvider, type WatchInfo } from '../types.js';
import * as caldav from './calendar.js';
import { appendDraft, findDraft } from './drafts.js';
import { formatCalendarCursor, parseCalendarCursor } from './cursor.js';
import { replyTo } from './ical.js';
import { imipChanges, isImipEvent } from './imip.js';
import { itipMail, PARTSTAT } from './itip-mail.js';
import { cursorOf, inboxChanges, resyncInbox, sentMessagesSince } from './mail.js';
import { imapHeldDrafts } from './held-drafts.js';
import { imapSessions } from './pool.js';
import { findInSent, sendOnce } from './send.js';
import type { ImapAccess } from './settings.js';

export interface ImapProviderOptions extends ImapAccess {
  now: () => Date;
}

export type ImapProvider = MailProvider & CalendarProvider & { draftWriter: DraftWriter; heldDrafts: HeldDrafts };

/** IMAP has nothing to register: the watcher role holds IDLE. The "watch" only marks that it should. */
const WATCH_DAYS = 30;

export function createImapProvider(o: ImapProviderOptions): ImapProvider {
  const imap = <T>(work: (client: ImapFlow) => Promise<T>) => imapSessions.use(o, work);
  const watch = (): WatchInfo => ({ id: `imap-idle:${o.address.toLowerCase()}`, expiresAt: new Date(o.now().getTime() + WATCH_DAYS * 86_400_000).toISOString() });

  /** iTIP answers go out like replies: once, with a copy in Sent, found there after a crash. */
  async function sendItip(invitation: InvitationMeta, answer: InvitationAnswer, text: string, ics: string, method: 'REPLY' | 'COUNTER'): Promise<void> {
    if (!invitation.organizer) return; // nobody to tell: the calendar copy holds the answer
    const mail = await itipMail(o.address, invitation, answer, text, ics, method);
    if (!mail) throw new ProviderError('permanent', `The organizer's address ${JSON.stringify(invitation.organizer.address.slice(0, 80))} cannot be written into a mail header`);
    await imap((c) => sendOnce(c, o, mail));
  }

  async function calendarChanges(text: string): Promise<CalendarChanges> {
    const cursor = parseCalendarCursor(text);
    // CalDAV added or removed since the cursor was taken: start again from a baseline.
    if ((cursor.dav === null) !== !o.servers.caldav) throw new ProviderError('cursor_expired', 'the CalDAV setting of this mailbox changed');
    const mailed = await imap((c) => imipChanges(c, cursor.mail, o.address, o.now()));
    if (!o.servers.caldav || cursor.dav === null) return { invitations: mailed.invitations, cursor: formatCalendarCursor({ mail: mailed.cursor, dav: null }) };
    const dav = await caldav.calendarChangesSince(o, cursor.dav, o.now());
    let fromMail = mailed.invitations;
    if (fromMail.length) {
      const from = fromMail.reduce((m, i) => (i.start < m ? i.start : m), fromMail[0]!.start);
      const to = fromMail.reduce((m, i) => (i.end > m ? i.end : m), fromMail[0]!.end);
      const held = await caldav.heldUids(o, from, to);
      fromMail = fromMail.filter((i) => !i.iCalUID || !held.has(i.iCalUID));
    }
    return { invitations: [...dav.invitations, ...fromMail], cursor: formatCalendarCursor({ mail: mailed.cursor, dav: dav.cursor }) };
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
    // Any IMAP mailbox can hold drafts: the password already allows it.
    draftWriter: {
      create: (mail) => imap((c) => appendDraft(c, mail)),
      find: (messageId) => imap((c) => findDraft(c, messageId)),
    },
    // Drafts marked with a keyword wait for working hours (issue 21); the password allows it too.
    heldDrafts: imapHeldDrafts(o, imap),

    calendarBaseline: async () =>
      formatCalendarCursor({
        mail: await imap(async (c) => cursorOf(await c.mailboxOpen('INBOX', { readOnly: true }))),
        dav: o.servers.caldav ? await caldav.calendarBaseline(o) : null,
      }),
    calendarChangesSince: calendarChanges,
    startCalendarWatch: async () => {
      throw new ProviderError('permanent', 'CalDAV has no push notifications; the calendar is polled');
    },
    renewCalendarWatch: async () => {
      throw new ProviderError('permanent', 'CalDAV has no push notifications; the calendar is polled');
    },
    stopCalendarWatch: async () => {},
    async answerInvitation(invitation: InvitationMeta, answer: InvitationAnswer, comment: string, proposal?: { start: string; end: string }) {
      // A mailed invitation has no calendar copy: the REPLY carries the answer, and the note
      // carries any proposed times (a COUNTER is ignored by many calendars).
      if (isImipEvent(invitation.providerEventId)) return sendItip(invitation, answer, comment, replyTo(invitation, o.address, PARTSTAT[answer], comment, o.now()), 'REPLY');
      if (!o.servers.caldav) throw new ProviderError('permanent', 'Answering a calendar event needs the CalDAV calendar of this mailbox');
      const result = await caldav.recordAnswer(o, invitation, answer, comment, o.now(), proposal);
      await sendItip(invitation, answer, comment, result.reply, result.method);
    },
    freeBusy: async (from, to) => (o.servers.caldav ? caldav.freeBusy(o, from, to) : []),
  };
}
