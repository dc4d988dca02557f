import { randomBytes } from 'node:crypto';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { createDAVClient } from 'tsdav';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvitationDecision } from '../../src/domain/invitation.js';
import { jobIds } from '../../src/jobs/definitions.js';
import { requestMailSync } from '../../src/pipeline/sync-mailbox.js';
import type { Runtime } from '../../src/runtime.js';
import { asUser, sharedServers, stopSharedServers, waitFor } from '../contract/imap-harness.js';
import { freePort } from '../../dev/support/google-service.js';
import { queuesIdle } from '../../dev/support/idle.js';
import { mailServersMissing, type MailServers } from '../../dev/support/mail-servers.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { serveWithWorkers } from '../../dev/support/serve.js';
import { userWithToken } from '../../dev/support/users.js';

/**
 * Invitations by mail (iMIP) on real servers: the organizer's invitation goes through Postfix into
 * the user's Dovecot INBOX, the calendar sync finds it there, decides it like any invitation, and
 * the answer reaches the organizer's Dovecot mailbox as one iTIP REPLY. With CalDAV connected, the
 * times proposed in the note avoid the user's busy time in Radicale.
 */
const ZONE = 'Europe/Berlin';
const WEEK = { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }], sat: [], sun: [] };
const DAY_MS = 86_400_000;
const tag = () => randomBytes(3).toString('hex');
const ical = (t: DateTime) => t.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");

/** Next Saturday 10:00-11:00 in the user's zone: a weekend time whatever day the test runs. */
function nextSaturday(): { start: DateTime; end: DateTime } {
  let day = DateTime.now().setZone(ZONE).plus({ days: 1 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  while (day.weekday !== 6) day = day.plus({ days: 1 });
  return { start: day, end: day.plus({ hours: 1 }) };
}

function requestIcs(uid: string, organizer: string, attendee: string, sequence: number): string {
  const { start, end } = nextSaturday();
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Client calendar//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT',
    `UID:${uid}`, `SEQUENCE:${sequence}`, `DTSTAMP:${ical(DateTime.now())}`, `DTSTART:${ical(start)}`, `DTEND:${ical(end)}`,
    'SUMMARY:Launch review', `ORGANIZER;CN=Ana:mailto:${organizer}`,
    `ATTENDEE;PARTSTAT=ACCEPTED;ROLE=CHAIR:mailto:${organizer}`, `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${attendee}`,
    'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

const missing = mailServersMissing();
describe.skipIf(missing !== null)(`IMAP invitations by mail${missing ? `: ${missing}` : ''}`, () => {
  let s: MailServers;
  let runtime: Runtime;
  let close: () => Promise<void>;
  let baseUrl: string;

  beforeAll(async () => {
    s = await sharedServers();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    runtime = await testRuntime({ env: { PUBLIC_URL: baseUrl, IMAP_EXTRA_CA: s.ca, IMAP_ALLOW_PRIVATE_HOSTS: 'true', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    ({ close } = await serveWithWorkers(runtime, port));
  }, 180_000);
  afterAll(async () => {
    await close?.();
    await stopSharedServers();
  }, 60_000);

  /** A user with a connected, sending mailbox (CalDAV or not), and an organizer with a mailbox of their own. */
  async function setUp(opts: { caldav: boolean; policy: string }) {
    const me = { address: `freelancer-${tag()}@boundary.test`, password: randomBytes(9).toString('base64url') };
    const organizer = { address: `ana-${tag()}@client.example`, password: randomBytes(9).toString('base64url') };
    await s.addUser(me.address, me.password);
    await s.addUser(organizer.address, organizer.password);
    if (opts.caldav) {
      const dav = await createDAVClient({ serverUrl: s.caldavUrl, credentials: { username: me.address, password: me.password }, authMethod: 'Basic', defaultAccountType: 'caldav' });
      await dav.makeCalendar({ url: `${s.caldavUrl}${me.address}/calendar/`, props: { displayname: 'Calendar' } });
    }
    const { auth } = await userWithToken(runtime.database.db, me.address);
    const json = { ...auth, 'content-type': 'application/json' };
    const put = await fetch(`${baseUrl}/api/settings`, { method: 'PUT', headers: json, body: JSON.stringify({ timeZone: ZONE, week: WEEK, holidays: { enabled: false }, gracePeriodMinutes: 0, invitationPolicy: opts.policy }) });
    expect(put.status, await put.clone().text()).toBe(200);
    const body = { address: me.address, password: me.password, imap: { host: '127.0.0.1', port: s.imapPort, secure: true }, smtp: { host: '127.0.0.1', port: s.submissionPort, secure: true }, caldav: opts.caldav ? s.caldavUrl : null };
    const res = await fetch(`${baseUrl}/api/accounts/imap`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBe(201);
    const { account } = (await res.json()) as { account: { id: string } };
    const on = await fetch(`${baseUrl}/api/accounts/${account.id}/sending`, { method: 'PUT', headers: json, body: JSON.stringify({ sending: true }) });
    expect(on.status).toBe(200);
    return { me, organizer, accountId: account.id, auth };
  }

  /** The organizer's invitation, through Postfix: multipart/mixed around text + text/calendar, plus an agenda. */
  async function invite(from: string, to: string, ics: string): Promise<void> {
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: s.smtpPort, secure: false, ignoreTLS: true });
    await smtp.sendMail({ from: `Ana <${from}>`, to, subject: 'Invitation: Launch review', text: 'Join us for the launch review.', icalEvent: { method: 'REQUEST', content: ics }, attachments: [{ filename: 'agenda.txt', content: 'Agenda' }] });
    smtp.close();
  }

  async function inbox(user: { address: string; password: string }): Promise<string[]> {
    return asUser(s, user.address, user.password, async (c) => {
      const box = await c.mailboxOpen('INBOX', { readOnly: true });
      const out: string[] = [];
      if (box.exists) for await (const m of c.fetch('1:*', { source: true })) out.push(m.source!.toString('utf8'));
      return out;
    });
  }

  async function syncCalendarNow(accountId: string): Promise<void> {
    await runtime.producer.add('sync-calendar', { accountId, reason: 'poll' }, { jobId: jobIds.syncCalendar(accountId) });
  }

  /** Waits for the answer at the organizer, lets every job finish, and returns all iTIP mail there. */
  async function itipAtOrganizer(organizer: { address: string; password: string }): Promise<string[]> {
    await waitFor('the iTIP answer at the organizer', async () => (await inbox(organizer)).some((m) => /text\/calendar/i.test(m)), 60_000);
    await queuesIdle(runtime);
    await waitFor('Postfix to deliver everything', async () => (await s.postqueue()).includes('Mail queue is empty'));
    return (await inbox(organizer)).filter((m) => /text\/calendar/i.test(m));
  }

  async function replyEvent(raw: string) {
    const parsed = await simpleParser(raw);
    const part = parsed.attachments.find((a) => a.contentType === 'text/calendar');
    expect(part, 'a text/calendar part').toBeDefined();
    const root = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')));
    const vevent = root.getFirstSubcomponent('vevent')!;
    const attendee = vevent.getFirstProperty('attendee')!;
    return {
      method: String(root.getFirstPropertyValue('method')),
      uid: String(vevent.getFirstPropertyValue('uid')),
      sequence: Number(vevent.getFirstPropertyValue('sequence')),
      attendee: String(attendee.getFirstValue()).toLowerCase(),
      partstat: String(attendee.getParameter('partstat')),
      comment: String(vevent.getFirstPropertyValue('comment') ?? ''),
    };
  }

  async function invitationRow(accountId: string) {
    return runtime.database.db.selectFrom('invitations').selectAll().where('account_id', '=', accountId).execute();
  }

  let firstProposalWithoutCalendar: string | undefined;

  it('without CalDAV: a weekend invitation by mail is answered tentatively with a note, as one iTIP REPLY', async () => {
    const { me, organizer, accountId, auth } = await setUp({ caldav: false, policy: 'tentative-with-note' });
    const uid = `launch-${tag()}@client.example`;
    await invite(organizer.address, me.address, requestIcs(uid, organizer.address, me.address, 2));
    await waitFor('the invitation in the INBOX', async () => (await inbox(me)).length === 1);
    // What the IDLE watcher does on new mail: the mail sync sees the invitation and reads the calendar.
    await requestMailSync(runtime.pipeline, accountId, 'push');

    const replies = await itipAtOrganizer(organizer);
    expect(replies).toHaveLength(1);
    // The invitation mail itself got no plain auto-reply on top: one answer to one message.
    expect(await inbox(organizer)).toHaveLength(1);
    expect(replies[0]).toMatch(/^Auto-Submitted: auto-replied/m);
    expect(replies[0]).toMatch(/method=REPLY/i);
    const reply = await replyEvent(replies[0]!);
    expect(reply).toMatchObject({ method: 'REPLY', uid, sequence: 2, attendee: `mailto:${me.address}`, partstat: 'TENTATIVE' });
    expect(reply.comment).toMatch(/marked it as tentative/);

    const rows = await invitationRow(accountId);
    expect(rows).toHaveLength(1);
    const decision = rows[0]!.decision as InvitationDecision;
    expect(decision).toMatchObject({ category: 'weekend', action: 'tentative-with-note' });
    expect(rows[0]!.answer).toBe('tentative');
    expect(rows[0]!.answered_at).not.toBeNull();
    firstProposalWithoutCalendar = decision.proposals[0]?.start;

    const activity = (await (await fetch(`${baseUrl}/api/activity`, { headers: auth })).json()) as { entries: Array<{ kind: string }> };
    const kinds = activity.entries.map((a) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(['invitation.tentative-with-note', 'invitation.answered']));

    // Another pass finds nothing new and answers nothing again.
    await syncCalendarNow(accountId);
    await queuesIdle(runtime);
    expect(await itipAtOrganizer(organizer)).toHaveLength(1);
    // The answer is filed in Sent like any reply; the invitation itself stays unread.
    const mine = await asUser(s, me.address, me.password, async (c) => {
      await c.mailboxOpen('Sent', { readOnly: true });
      const sent: string[] = [];
      for await (const m of c.fetch('1:*', { source: true })) sent.push(m.source!.toString('utf8'));
      await c.mailboxOpen('INBOX', { readOnly: true });
      const flags: string[][] = [];
      for await (const m of c.fetch('1:*', { flags: true })) flags.push([...(m.flags ?? [])]);
      return { sent, flags };
    });
    expect(mine.sent.filter((m) => m.includes(uid))).toHaveLength(1);
    expect(mine.flags[0]).not.toContain('\\Seen');
  }, 120_000);

  it('with CalDAV: the decline proposes only times clear of the busy time in the calendar', async () => {
    const { me, organizer, accountId } = await setUp({ caldav: true, policy: 'decline-with-proposals' });
    // Busy for the next three days: the first working slot (at most ~64 h away) falls inside.
    const busyStart = DateTime.now().toUTC().startOf('hour');
    const busyEnd = busyStart.plus({ days: 3 });
    const dav = await createDAVClient({ serverUrl: s.caldavUrl, credentials: { username: me.address, password: me.password }, authMethod: 'Basic', defaultAccountType: 'caldav' });
    const busyIcs = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Boundary tests//EN', 'BEGIN:VEVENT', `UID:busy-${tag()}`, `DTSTAMP:${ical(busyStart)}`, `DTSTART:${ical(busyStart)}`, `DTEND:${ical(busyEnd)}`, 'SUMMARY:Client workshop', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const put = await dav.createCalendarObject({ calendar: { url: `${s.caldavUrl}${me.address}/calendar/` }, filename: 'busy.ics', iCalString: busyIcs });
    expect(put.ok).toBe(true);

    const uid = `launch-${tag()}@client.example`;
    await invite(organizer.address, me.address, requestIcs(uid, organizer.address, me.address, 0));
    await waitFor('the invitation in the INBOX', async () => (await inbox(me)).length === 1);
    await syncCalendarNow(accountId);

    const replies = await itipAtOrganizer(organizer);
    expect(replies).toHaveLength(1);
    const reply = await replyEvent(replies[0]!);
    expect(reply).toMatchObject({ method: 'REPLY', uid, sequence: 0, attendee: `mailto:${me.address}`, partstat: 'DECLINED' });

    const [row] = await invitationRow(accountId);
    const decision = row!.decision as InvitationDecision;
    expect(decision.action).toBe('decline-with-proposals');
    expect(decision.proposals.length).toBeGreaterThan(0);
    for (const p of decision.proposals) expect(Date.parse(p.start) >= busyEnd.toMillis() || Date.parse(p.end) <= busyStart.toMillis()).toBe(true);
    // Every proposed time is in the note the organizer reads.
    for (const p of decision.proposals) expect(reply.comment).toContain(p.userText);
    // Without the calendar the first proposal fell inside that busy time.
    expect(firstProposalWithoutCalendar).toBeDefined();
    expect(Date.parse(firstProposalWithoutCalendar!)).toBeLessThan(busyEnd.toMillis());
  }, 120_000);

  it('an iTIP REPLY arriving by IMAP gets no auto-reply: the calendar handles it', async () => {
    const { me, organizer, accountId } = await setUp({ caldav: false, policy: 'tentative-with-note' });
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Client calendar//EN', 'METHOD:REPLY', 'BEGIN:VEVENT', `UID:mine-${tag()}@boundary.test`, `DTSTAMP:${ical(DateTime.now())}`, `ORGANIZER:mailto:${me.address}`, `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${organizer.address}`, 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: s.smtpPort, secure: false, ignoreTLS: true });
    // A plain person's answer as far as the headers go: only the calendar part says what it is,
    // and a long text part keeps it beyond the snippet Boundary reads.
    const text = `Ana has accepted.\n\n${'Looking forward to planning the launch together. '.repeat(40)}`;
    await smtp.sendMail({ from: organizer.address, to: me.address, subject: 'Accepted: Planning', text, icalEvent: { method: 'REPLY', content: ics } });
    smtp.close();
    await waitFor('the answer in the INBOX', async () => (await inbox(me)).length === 1);
    await requestMailSync(runtime.pipeline, accountId, 'poll');
    const decided = await waitFor('the decision', async () => runtime.database.db.selectFrom('decisions').selectAll().where('account_id', '=', accountId).executeTakeFirst(), 60_000);
    await queuesIdle(runtime);
    expect(decided.action).not.toBe('auto-reply');
    expect(decided.meta.calendarMethod).toBe('REPLY');
    expect(decided.reasons.map((r) => r.code)).toContain('calendar-response');
    await waitFor('Postfix to deliver everything', async () => (await s.postqueue()).includes('Mail queue is empty'));
    expect(await inbox(organizer)).toHaveLength(0);
  }, 120_000);
});
