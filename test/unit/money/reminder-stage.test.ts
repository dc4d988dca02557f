import { describe, expect, it } from 'vitest';
import { isOverdue, paidLate, reminderStageDue } from '../../../src/domain/money/reminder-stage.js';
import { latePayers } from '../../../src/domain/money/late-payer.js';

const invoice = { dueOn: '2026-12-15', issuedOn: '2026-12-01', paidOn: null, status: 'open' as const };
const none = new Set<string>();
const at = (iso: string) => new Date(iso);

describe('payment reminder stages', () => {
  it.each([
    ['2026-12-11T12:00:00Z', null], // four days before: nothing yet
    ['2026-12-12T12:00:00Z', 'before'], // three days before
    ['2026-12-15T08:00:00Z', 'due'],
    ['2026-12-21T12:00:00Z', 'due'], // six days late: still the day's stage (not yet drafted here)
    ['2026-12-22T12:00:00Z', 'late-7'],
    ['2027-01-14T12:00:00Z', 'late-30'],
  ])('at %s the stage reached is %s', (now, stage) => {
    expect(reminderStageDue(invoice, none, at(now), 'Europe/Tirane')).toBe(stage);
  });

  it("reads the due day in the user's zone", () => {
    // 23:30 UTC on the 14th is already the 15th in Tirana (UTC+1), still the 14th in New York.
    expect(reminderStageDue(invoice, new Set(['before']), at('2026-12-14T23:30:00Z'), 'Europe/Tirane')).toBe('due');
    expect(reminderStageDue(invoice, new Set(['before']), at('2026-12-14T23:30:00Z'), 'America/New_York')).toBeNull();
  });

  it('drafts each stage once and never steps back to a milder one', () => {
    expect(reminderStageDue(invoice, new Set(['due']), at('2026-12-16T12:00:00Z'), 'UTC')).toBeNull();
    // The due date moved later after the week-late note: no "due soon" note after it.
    expect(reminderStageDue({ ...invoice, dueOn: '2026-12-30' }, new Set(['late-7']), at('2026-12-28T12:00:00Z'), 'UTC')).toBeNull();
  });

  it('skips the stages already passed: an invoice entered ten days late gets the week-late note only', () => {
    expect(reminderStageDue(invoice, none, at('2026-12-25T12:00:00Z'), 'UTC')).toBe('late-7');
    expect(reminderStageDue(invoice, new Set(['late-7']), at('2026-12-26T12:00:00Z'), 'UTC')).toBeNull();
  });

  it('asks nothing of paid, suggested or dismissed invoices, nor "due soon" for one issued today', () => {
    expect(reminderStageDue({ ...invoice, paidOn: '2026-12-20' }, none, at('2026-12-25T12:00:00Z'), 'UTC')).toBeNull();
    expect(reminderStageDue({ ...invoice, status: 'suggested' }, none, at('2026-12-25T12:00:00Z'), 'UTC')).toBeNull();
    expect(reminderStageDue({ ...invoice, status: 'dismissed' }, none, at('2026-12-25T12:00:00Z'), 'UTC')).toBeNull();
    expect(reminderStageDue({ ...invoice, issuedOn: '2026-12-13' }, none, at('2026-12-13T12:00:00Z'), 'UTC')).toBeNull();
  });

  it('overdue means past the due day, unpaid and confirmed', () => {
    expect(isOverdue(invoice, '2026-12-15')).toBe(false);
    expect(isOverdue(invoice, '2026-12-16')).toBe(true);
    expect(isOverdue({ ...invoice, paidOn: '2026-12-16' }, '2026-12-20')).toBe(false);
  });
});

describe('late payers', () => {
  const paid = (clientId: string, reference: string, paidOn: string) => ({ clientId, reference, dueOn: '2026-10-01', paidOn, status: 'open' as const });
  it('are clients with two or more invoices paid after their due date', () => {
    expect(paidLate(paid('a', '1', '2026-10-01'))).toBe(false);
    const list = [paid('a', 'A-1', '2026-10-05'), paid('a', 'A-2', '2026-10-20'), paid('b', 'B-1', '2026-10-09'), paid('b', 'B-2', '2026-09-30'), { ...paid('c', 'C-1', '2026-10-02'), status: 'dismissed' as const }, paid('c', 'C-2', '2026-10-03')];
    expect(latePayers(list)).toEqual([{ clientId: 'a', paidLate: 2, invoices: ['A-1', 'A-2'] }]);
  });
});
