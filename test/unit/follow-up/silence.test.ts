import { describe, expect, it } from 'vitest';
import { followUpReport, type FollowUpInput } from '../../../src/domain/follow-up/report.js';
import { typicalDayHours } from '../../../src/domain/follow-up/working-days.js';
import type { ConversationMessage } from '../../../src/domain/follow-up/conversation.js';
import { inbound, ny, out, settings } from './fixture.js';

const report = (messages: ConversationMessage[], now: string, s = settings()) => {
  const input: FollowUpInput = { settings: s, messages, expectations: [], invitations: [], suggestionsPending: 0, now: ny(now) };
  return followUpReport(input).report;
};

describe('threads awaiting the client', () => {
  it('counts the threshold in working time, across a weekend and a public holiday', () => {
    // Wed 2 July 2025, 17:00; the threshold is 2 working days = 16 working hours.
    // Thu 3 July works 8h, Fri 4 July is Independence Day, then the weekend: 16h is reached Mon 7 July 17:00.
    const messages = [out('t1', '2025-07-02T17:00')];
    expect(report(messages, '2025-07-06T23:00').awaitingClients).toEqual([]);
    expect(report(messages, '2025-07-07T16:59').awaitingClients).toEqual([]);
    const flagged = report(messages, '2025-07-07T17:00').awaitingClients;
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ threadId: 't1', waitingWorkingHours: 16, thresholdWorkingHours: 16, client: { id: 'acme', name: 'Acme' } });
  });

  it('without the holiday the same wait is flagged on the Friday', () => {
    const s = settings({ holidays: { enabled: false } });
    expect(report([out('t1', '2025-07-02T17:00')], '2025-07-04T17:00', s).awaitingClients).toHaveLength(1);
    expect(report([out('t1', '2025-07-02T17:00')], '2025-07-04T17:00').awaitingClients).toHaveLength(0);
  });

  it('does not treat the user answering a client request as waiting on the client', () => {
    // The client asked, the user answered: the ball is not in the client's court.
    const messages = [inbound('t1', '2025-07-01T10:00'), out('t1', '2025-07-01T11:00')];
    expect(report(messages, '2025-07-10T12:00').awaitingClients).toEqual([]);
    // The same wait on a conversation the user started is flagged.
    expect(report([out('t2', '2025-07-01T11:00')], '2025-07-10T12:00').awaitingClients).toHaveLength(1);
  });

  it('uses the client’s own threshold over the default', () => {
    const s = settings({ clients: [{ id: 'acme', name: 'Acme', domains: ['acme.com'], silenceThresholdDays: 0.5 }] });
    const flagged = report([out('t1', '2025-07-07T09:00')], '2025-07-07T13:00', s).awaitingClients;
    expect(flagged[0]?.thresholdWorkingHours).toBe(4);
  });

  it('does not count an auto-reply or out-of-office from the client as an answer', () => {
    const messages = [
      out('t1', '2025-07-07T09:00'),
      inbound('t1', '2025-07-07T09:01', { subject: 'Automatic reply: Logo drafts', automated: true }),
      // Recorded before the flag existed: the subject alone still gives it away.
      inbound('t1', '2025-07-07T10:00', { subject: 'Out of Office: Logo drafts' }),
    ];
    const flagged = report(messages, '2025-07-09T12:00').awaitingClients;
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.lastSentAt).toBe(messages[0]!.at);
    expect(report([...messages, inbound('t1', '2025-07-08T10:00')], '2025-07-09T12:00').awaitingClients).toEqual([]);
  });

  it('suggests a follow-up in the client’s language, never sending it', () => {
    const [item] = report([out('t1', '2025-07-02T17:00')], '2025-07-08T12:00').awaitingClients;
    expect(item?.suggestedFollowUp).toMatch(/^Здравствуйте!/);
    expect(item?.suggestedFollowUp).toContain('«Logo drafts»');
    expect(item?.suggestedFollowUp).toMatch(/С уважением,\nAna$/);
  });
});

describe("the user's own side", () => {
  it('reports client mail unanswered past the promised working hours', () => {
    // Promised 8 working hours; Friday 16:00 → Monday 16:00 is 1 + 7 = 8 working hours.
    const messages = [inbound('t2', '2025-07-11T16:00', { subject: 'Question' })];
    expect(report(messages, '2025-07-14T15:59').unansweredByUser).toEqual([]);
    expect(report(messages, '2025-07-14T16:00').unansweredByUser[0]).toMatchObject({ threadId: 't2', waitingWorkingHours: 8, promisedWorkingHours: 8 });
    expect(report([...messages, out('t2', '2025-07-14T11:00')], '2025-07-14T16:00').unansweredByUser).toEqual([]);
  });

  it('counts an answer to the same person in another thread: two requests in a row, one answer', () => {
    const twoRequests = [inbound('t2', '2025-07-11T02:00', { subject: 'Quick change' }), inbound('t3', '2025-07-11T02:20', { subject: 'Also the colours' })];
    const answered = [...twoRequests, out('t2', '2025-07-11T10:00', 'boss@acme.com', 'Re: Quick change')];
    expect(report(answered, '2025-07-16T16:00').unansweredByUser).toEqual([]);
    // Writing to them before their message is no answer to it, nor is writing to another party.
    const before = [out('t1', '2025-07-10T10:00'), ...twoRequests];
    expect(report(before, '2025-07-16T16:00').unansweredByUser.map((u) => u.threadId).sort()).toEqual(['t2', 't3']);
    const other = [...twoRequests, out('t4', '2025-07-11T10:00', 'friend@elsewhere.example')];
    expect(report(other, '2025-07-16T16:00').unansweredByUser.map((u) => u.threadId).sort()).toEqual(['t2', 't3']);
  });
});

describe('clients gone quiet and coming back', () => {
  it('flags a client silent for N working days while a thread awaits them', () => {
    const messages = [inbound('t0', '2025-06-02T10:00', { subject: 'Kick-off' }), out('t1', '2025-06-03T10:00')];
    const quiet = report(messages, '2025-06-10T10:00').quietClients;
    expect(quiet).toHaveLength(1);
    expect(quiet[0]).toMatchObject({ client: { id: 'acme' }, quietWorkingDays: 6 });
    expect(quiet[0]?.openItems[0]).toContain('Logo drafts');
    // Nothing open (the client answered the last thread): not "quiet", just calm.
    expect(report([...messages, inbound('t1', '2025-06-03T11:00')], '2025-06-20T10:00').quietClients).toEqual([]);
  });

  it('flags a return after silence, with the urgent words it used', () => {
    const messages = [out('t1', '2025-06-02T10:00'), inbound('t3', '2025-06-16T10:00', { subject: 'СРОЧНО: нужно сегодня, ASAP' })];
    const [r] = report(messages, '2025-06-16T11:00').reappearances;
    expect(r).toMatchObject({ silentWorkingDays: 10, urgentWords: ['срочно', 'сегодня', 'asap'] });
    expect(r?.suggestedResponse).toContain('рабочие часы');
    // Once the user has answered, there is nothing left to flag.
    expect(report([...messages, out('t3', '2025-06-16T12:00')], '2025-06-16T13:00').reappearances).toEqual([]);
  });

  it('finds urgent words in every template language', async () => {
    const { urgentWords } = await import('../../../src/domain/follow-up/urgent-words.js');
    expect(urgentWords('Urgjent: duhet sot')).toEqual(['urgjent', 'sot']);
    expect(urgentWords('Kailangan ngayon, agad po')).toEqual(['ngayon', 'agad']);
    expect(urgentWords('Шұғыл, бүгін керек')).toEqual(['шұғыл', 'бүгін']);
    expect(urgentWords('Sotheby’s catalogue; todays')).toEqual([]);
  });
});

it('a working day is the schedule’s average day', () => {
  expect(typicalDayHours(settings())).toBe(8);
  const halfFriday = settings({ week: { mon: [{ start: '09:00', end: '17:00' }], tue: [], wed: [], thu: [], fri: [{ start: '09:00', end: '13:00' }], sat: [], sun: [] } });
  expect(typicalDayHours(halfFriday)).toBe(6);
});
