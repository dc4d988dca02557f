import { describe, expect, it } from 'vitest';
import { clientMessages } from '../../../src/domain/follow-up/conversation.js';
import { parseExpectationChange, parseNewExpectation } from '../../../src/domain/follow-up/expectation-input.js';
import { evaluateExpectation, withStatus, type Expectation } from '../../../src/domain/follow-up/expectations.js';
import { followUpReport } from '../../../src/domain/follow-up/report.js';
import { reminderDrafts } from '../../../src/domain/follow-up/reminders.js';
import { inbound, iso, ny, out, settings } from './fixture.js';

const s = settings();
const none = { messages: [], invitations: [] };

function expectation(over: Partial<Expectation> = {}): Expectation {
  return { id: 'e1', clientId: 'acme', kind: 'deliverable', title: 'Feedback on the logo', party: 'client', params: {}, dueAt: iso('2025-07-09T23:59:59.999'), status: 'open', history: [], createdAt: iso('2025-07-01T09:00'), ...over };
}

describe('a dated expectation', () => {
  it('goes open → due → overdue, and stays met once the user says so', () => {
    let e = expectation();
    const step = (local: string) => {
      e = withStatus(e, evaluateExpectation(e, none, s, ny(local)), iso(local));
      return e.status;
    };
    expect(step('2025-07-08T12:00')).toBe('open');
    expect(step('2025-07-09T08:00')).toBe('due');
    expect(step('2025-07-10T09:00')).toBe('overdue');
    e = withStatus(e, { status: 'met', reason: 'received' }, iso('2025-07-10T11:00'));
    expect(step('2025-07-20T09:00')).toBe('met');
    expect(e.history.map((h) => `${h.from}→${h.to}`)).toEqual(['open→due', 'due→overdue', 'overdue→met']);
    expect(e.history[1]?.reason).toMatch(/2025-07-09 has passed/);
  });

  it('appears in the report while due or late, restating the agreement for the client', () => {
    const { report } = followUpReport({ settings: s, messages: [], expectations: [expectation()], invitations: [], suggestionsPending: 2, now: ny('2025-07-10T09:00') });
    expect(report.expectations).toEqual([expect.objectContaining({ id: 'e1', status: 'overdue' })]);
    expect(report.expectations[0]?.suggestedFollowUp).toContain('Feedback on the logo');
    expect(report.suggestionsPending).toBe(2);
  });
});

describe('measured expectations', () => {
  it('response time is read from threads, ignoring auto-replies', () => {
    const e = expectation({ kind: 'response-time', params: { workingDays: 1 }, dueAt: null });
    const ms = (list: Parameters<typeof clientMessages>[0]) => clientMessages(list, s);
    // Answered after 4 working hours: met.
    expect(evaluateExpectation(e, { messages: ms([out('t1', '2025-07-07T09:00'), inbound('t1', '2025-07-07T13:00')]), invitations: [] }, s, ny('2025-07-08T09:00')).status).toBe('met');
    // Only an out-of-office came back; 1.5 working days later it is overdue.
    const oof = ms([out('t1', '2025-07-07T09:00'), inbound('t1', '2025-07-07T09:01', { automated: true, subject: 'Automatic reply' })]);
    expect(evaluateExpectation(e, { messages: oof, invitations: [] }, s, ny('2025-07-08T13:00')).status).toBe('overdue');
    // Answered late: broken.
    expect(evaluateExpectation(e, { messages: ms([out('t1', '2025-07-07T09:00'), inbound('t1', '2025-07-09T09:00')]), invitations: [] }, s, ny('2025-07-09T10:00')).status).toBe('broken');
  });

  it('meetings within hours follow the latest invitation’s category', () => {
    const e = expectation({ kind: 'meetings-in-hours', dueAt: null });
    expect(evaluateExpectation(e, { messages: [], invitations: [] }, s, ny('2025-07-08T09:00')).status).toBe('open');
    const inv = (start: string, category: string) => ({ organizer: 'boss@acme.com', start: iso(start), category });
    expect(evaluateExpectation(e, { messages: [], invitations: [inv('2025-07-08T10:00', 'within-hours')] }, s, ny('2025-07-08T09:00')).status).toBe('met');
    expect(evaluateExpectation(e, { messages: [], invitations: [inv('2025-07-08T10:00', 'within-hours'), inv('2025-07-12T10:00', 'weekend')] }, s, ny('2025-07-08T09:00')).status).toBe('broken');
  });
});

describe('expectation input', () => {
  it('names the field that is wrong', () => {
    const bad = parseNewExpectation({ kind: 'payment', title: '' }, 'UTC');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((i) => i.path)).toEqual(['title']);
    const noDue = parseNewExpectation({ kind: 'payment', title: 'Invoice 12' }, 'UTC');
    expect(!noDue.ok && noDue.issues).toEqual([{ path: 'dueAt', message: expect.stringContaining('due date') }]);
    const noDays = parseNewExpectation({ kind: 'response-time', title: 'Replies' }, 'UTC');
    expect(!noDays.ok && noDays.issues[0]?.path).toBe('params.workingDays');
    const badKind = parseNewExpectation({ kind: 'vibes', title: 'x' }, 'UTC');
    expect(!badKind.ok && badKind.issues[0]?.path).toBe('kind');
    const measured = parseExpectationChange({ status: 'met' }, 'response-time', 'UTC');
    expect(!measured.ok && measured.issues[0]?.path).toBe('status');
  });

  it('reads a plain date as the end of that day in the user’s zone', () => {
    const ok = parseNewExpectation({ kind: 'payment', title: 'Invoice 12', dueAt: '2025-07-09' }, 'America/New_York');
    expect(ok.ok && ok.value.dueAt).toBe('2025-07-10T03:59:59.999Z');
  });
});

describe('reminder drafts', () => {
  it('escalate to level 2 at twice the threshold, keyed by thread and episode', () => {
    const messages = [out('t1', '2025-07-07T09:00')];
    const at = (local: string) => reminderDrafts(followUpReport({ settings: s, messages, expectations: [], invitations: [], suggestionsPending: 0, now: ny(local) }).report, s, ny(local));
    expect(at('2025-07-08T17:00').map((d) => [d.kind, d.subject, d.level])).toEqual([['awaiting-client', 't1', 1]]);
    const later = at('2025-07-10T17:00');
    expect(later.map((d) => [d.kind, d.level])).toEqual([['awaiting-client', 2]]);
    expect(later[0]?.episode).toBe(messages[0]!.at);
    expect(later[0]?.suggestedFollowUp).toMatch(/^Здравствуйте/);
  });

  it('name days as the user lives them: a 22:30 message in New York is still that day', () => {
    const messages = [out('t1', '2025-07-07T22:30')]; // 02:30 UTC on the 8th
    const drafts = reminderDrafts(followUpReport({ settings: s, messages, expectations: [], invitations: [], suggestionsPending: 0, now: ny('2025-07-10T17:00') }).report, s, ny('2025-07-10T17:00'));
    expect(drafts[0]?.detail).toMatch(/^You wrote on Mon 7 Jul;/);
  });
});

it('a client with a dated agreement and no mail goes quiet from when it was recorded', () => {
  const e = expectation({ createdAt: iso('2025-07-01T09:00'), dueAt: iso('2025-07-31T23:59') });
  const at = (local: string) => followUpReport({ settings: s, messages: [], expectations: [e], invitations: [], suggestionsPending: 0, now: ny(local) }).report.quietClients;
  expect(at('2025-07-03T09:00')).toEqual([]);
  // 1 July 09:00 → 9 July 09:00 is 5 working days with 4 July (a holiday) off.
  expect(at('2025-07-09T09:00')[0]).toMatchObject({ client: { id: 'acme', name: 'Acme' }, quietWorkingDays: 5 });
  expect(at('2025-07-09T09:00')[0]?.openItems[0]).toContain('Feedback on the logo');
});
