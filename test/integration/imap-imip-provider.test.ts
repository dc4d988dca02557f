import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { asUser, ORGANIZER, ORGANIZER_PASSWORD, startImapAccount, stopSharedServers, type ImapHarnessState } from '../contract/imap-harness.js';
import { mailServersMissing } from '../../dev/support/mail-servers.js';

/** The IMAP provider's calendar side with invitations by mail, on the real Dovecot and Radicale. */
const missing = mailServersMissing();
describe.skipIf(missing !== null)(`IMAP provider: invitations by mail${missing ? `: ${missing}` : ''}`, () => {
  const states: ImapHarnessState[] = [];
  afterEach(async () => {
    for (const s of states.splice(0)) await s.proxy.close();
  });
  afterAll(stopSharedServers, 60_000);

  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000);
  const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

  async function mailInvitation(st: ImapHarnessState, uid: string): Promise<void> {
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Client//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT', `UID:${uid}`, 'SEQUENCE:1',
      `DTSTAMP:${stamp(new Date())}`, `DTSTART:${stamp(at(50))}`, `DTEND:${stamp(at(51))}`, 'SUMMARY:Kick-off', `ORGANIZER:mailto:${ORGANIZER}`,
      `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${st.control.userAddress}`, 'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n');
    const mime = await new MailComposer({ from: ORGANIZER, to: st.control.userAddress, subject: 'Invitation: Kick-off', text: 'Please join.', icalEvent: { method: 'REQUEST', content: ics } }).compile().build();
    await asUser(st.servers, st.access.username, st.access.password, (c) => c.append('INBOX', mime));
  }

  async function atOrganizer(st: ImapHarnessState, uid: string): Promise<number> {
    return asUser(st.servers, ORGANIZER, ORGANIZER_PASSWORD, async (c) => {
      const box = await c.mailboxOpen('INBOX', { readOnly: true });
      let n = 0;
      if (box.exists) for await (const m of c.fetch('1:*', { source: true })) if (m.source!.toString('utf8').includes(uid)) n += 1;
      return n;
    });
  }

  it('a mailed invitation the calendar server already filed is read once, from the calendar', async () => {
    const st = await startImapAccount();
    states.push(st);
    const cursor = await st.provider.calendarBaseline();
    const { providerEventId } = await st.control.injectEvent({ subject: 'Kick-off', organizer: ORGANIZER, attendees: [ORGANIZER, st.control.userAddress], start: at(50).toISOString(), end: at(51).toISOString() });
    const filedUid = decodeURIComponent(providerEventId.split('/').pop()!.replace(/\.ics$/, ''));
    await mailInvitation(st, filedUid);
    const onlyMailed = `mailed-${randomBytes(4).toString('hex')}@client.example`;
    await mailInvitation(st, onlyMailed);
    const changes = await st.provider.calendarChangesSince(cursor);
    expect(changes.invitations.map((i) => i.iCalUID).sort()).toEqual([filedUid, onlyMailed].sort());
    expect(changes.invitations.find((i) => i.iCalUID === filedUid)!.providerEventId).toBe(providerEventId);
    expect(changes.invitations.find((i) => i.iCalUID === onlyMailed)!.providerEventId).toBe(`imip:${onlyMailed}`);
    // The cursor moved past both: nothing is read twice.
    expect((await st.provider.calendarChangesSince(changes.cursor)).invitations).toHaveLength(0);
  });

  it('answering a mailed invitation twice (a retried job) sends one REPLY, filed once in Sent', async () => {
    const st = await startImapAccount();
    states.push(st);
    const cursor = await st.provider.calendarBaseline();
    const uid = `retry-${randomBytes(4).toString('hex')}@client.example`;
    await mailInvitation(st, uid);
    const [inv] = (await st.provider.calendarChangesSince(cursor)).invitations;
    expect(inv).toMatchObject({ iCalUID: uid, sequence: 1, selfResponse: 'needsAction' });
    await st.provider.answerInvitation(inv!, 'declined', 'Not on Saturdays.');
    await st.provider.answerInvitation(inv!, 'declined', 'Not on Saturdays.');
    await st.control.sent(); // waits for Postfix to deliver everything
    expect(await atOrganizer(st, uid)).toBe(1);
    const inSent = await asUser(st.servers, st.access.username, st.access.password, async (c) => {
      await c.mailboxOpen('Sent', { readOnly: true });
      let n = 0;
      for await (const m of c.fetch('1:*', { source: true })) if (m.source!.toString('utf8').includes(uid)) n += 1;
      return n;
    });
    expect(inSent).toBe(1);
  });
});
