import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectGoogle, startGoogleService, until, type GoogleService } from '../../dev/support/google-service.js';
import { connectMicrosoft, startMicrosoftService, type MicrosoftService } from '../../dev/support/microsoft-service.js';

/**
 * Out-of-office events in the user's own calendar count as vacation (issue 15, section 5): the
 * reply sent during one uses the vacation wording and names the first working day after it.
 */

const WEEK = { mon: [{ start: '09:00', end: '17:00' }], tue: [{ start: '09:00', end: '17:00' }], wed: [{ start: '09:00', end: '17:00' }], thu: [{ start: '09:00', end: '17:00' }], fri: [{ start: '09:00', end: '17:00' }], sat: [], sun: [] };
const SETTINGS = { timeZone: 'Europe/Tirane', name: 'Elira', week: WEEK, holidays: { enabled: false }, gracePeriodMinutes: 0, replyWindowDays: 1 };

type Service = GoogleService | MicrosoftService;
interface Case {
  name: string;
  me: string;
  start(now: () => Date): Promise<Service>;
  connect(s: Service): Promise<string>;
  outOfOffice(s: Service, o: { start: string; end: string; allDay?: boolean }): Promise<string>;
  remove(s: Service, id: string): Promise<void>;
  sent(s: Service): Promise<Array<{ raw: string }>>;
  mail(s: Service, from: string, subject: string, to: string): Promise<unknown>;
}

const cases: Case[] = [
  {
    name: 'Google Calendar (eventType outOfOffice)',
    me: 'elira@hoxha.studio',
    start: (now) => startGoogleService({ now }),
    connect: (s) => connectGoogle(s as GoogleService),
    outOfOffice: async (s, o) => (await (s as GoogleService).emulator.control.injectOutOfOffice({ ...o, timeZone: 'Europe/Tirane' })).providerEventId,
    remove: (s, id) => (s as GoogleService).emulator.control.cancelEvent(id),
    sent: (s) => (s as GoogleService).emulator.control.sent(),
    mail: (s, from, subject, to) => (s as GoogleService).emulator.control.injectMessage({ from, to: [to], subject }),
  },
  {
    name: 'Outlook (showAs oof)',
    me: 'freelancer@contoso.example',
    start: (now) => startMicrosoftService({ now }),
    connect: (s) => connectMicrosoft(s as MicrosoftService),
    outOfOffice: async (s, o) => (await (s as MicrosoftService).emulator.control.injectOutOfOffice(o)).providerEventId,
    remove: (s, id) => (s as MicrosoftService).emulator.control.deleteEvent(id),
    sent: (s) => (s as MicrosoftService).emulator.control.sent(),
    mail: (s, from, subject, to) => (s as MicrosoftService).emulator.control.injectMessage({ from, to: [to], subject }),
  },
];

describe.each(cases)('out-of-office events in $name', (c) => {
  // Tuesday 1 December 2026, 09:00 in Tirana.
  let clock = new Date('2026-12-01T08:00:00Z');
  let s: Service;
  let accountId: string;
  let timedId: string;
  const put = (path: string, body: unknown) => fetch(`${s.baseUrl}${path}`, { method: 'PUT', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // Mail is read by a job, as a push would start it (a Graph subscription lapses over the weeks the clock moves).
  const mail = async (from: string, subject: string) => {
    await c.mail(s, from, subject, c.me);
    await s.runtime.producer.add('sync-mailbox', { accountId, reason: 'test' }, { jobId: `sync-mailbox-${accountId}-${Date.now()}` });
  };
  const syncCalendar = () => s.runtime.producer.add('sync-calendar', { accountId, reason: 'test' }, { jobId: `sync-calendar-${accountId}-${Date.now()}` });
  const stored = () => s.runtime.database.db.selectFrom('calendar_time_off').selectAll().where('account_id', '=', accountId).execute();
  const decisionFor = async (subject: string) => until(async () => {
    const res = (await (await fetch(`${s.baseUrl}/api/activity?limit=200`, { headers: s.auth })).json()) as { entries: Array<{ kind: string; summary: string }> };
    return res.entries.find((e) => e.kind.startsWith('decision.') && e.summary.includes(subject));
  });
  const replyTo = async (subject: string) => {
    const raw = await until(async () => (await c.sent(s)).map((m) => m.raw).find((r) => r.includes(subject)));
    return (await simpleParser(raw)).text ?? '';
  };

  beforeAll(async () => {
    s = await c.start(() => clock);
    expect((await put('/api/settings', SETTINGS)).status).toBe(200);
    // Already in the calendar when the mailbox is connected: Monday 14 and Tuesday 15 December.
    await c.outOfOffice(s, { start: '2026-12-14', end: '2026-12-16', allDay: true });
    accountId = await c.connect(s);
    expect((await put(`/api/accounts/${accountId}/sending`, { sending: true })).status).toBe(200);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('reads a timed out-of-office event from the calendar changes and replies with the vacation wording and its end', async () => {
    // Wednesday 2 December 08:00 to Friday 4 December 18:00 in Tirana: three whole working days.
    timedId = await c.outOfOffice(s, { start: '2026-12-02T07:00:00Z', end: '2026-12-04T17:00:00Z' });
    await syncCalendar();
    await until(async () => (await stored()).some((r) => r.event_id === timedId));
    clock = new Date('2026-12-03T10:00:00Z'); // Thursday 11:00 in Tirana: working hours, but away
    await mail('Tomás Ruiz <tomas@acme.example>', 'Logo question on Thursday');
    const text = await replyTo('Logo question on Thursday');
    expect(text).toMatch(/away on vacation/);
    expect(text).toMatch(/Monday,? 7 December, 09:00/);
  });

  it('counts an all-day out-of-office event already in the calendar at connect time', async () => {
    clock = new Date('2026-12-15T12:00:00Z'); // Tuesday 13:00 in Tirana
    await mail('Priya <priya@fabrikam.example>', 'Invoice during the all-day absence');
    const text = await replyTo('Invoice during the all-day absence');
    expect(text).toMatch(/away on vacation/);
    expect(text).toMatch(/Wednesday,? 16 December, 09:00/);
  });

  it('takes the vacation back when the out-of-office event is cancelled or deleted', async () => {
    await c.remove(s, timedId);
    await syncCalendar();
    await until(async () => !(await stored()).some((r) => r.event_id === timedId));
    clock = new Date('2026-12-03T10:30:00Z'); // the same Thursday, now a working day again
    const before = (await c.sent(s)).length;
    await mail('Marco <marco@bianchi.example>', 'Thursday, after all');
    const decision = await decisionFor('Thursday, after all');
    expect(decision.kind).not.toBe('decision.auto-reply');
    expect((await c.sent(s)).length).toBe(before);
  });
});
