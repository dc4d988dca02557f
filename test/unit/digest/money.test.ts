import { describe, expect, it } from 'vitest';
import { moneyIsEmpty, moneySection } from '../../../src/domain/digest/money.js';

describe('the digest money and scope section', () => {
  it('is left out when there is nothing to say', () => {
    const empty = { overdue: [], latePayers: [], scope: [], warnings: [] };
    expect(moneyIsEmpty(empty)).toBe(true);
    expect(moneySection(empty)).toBeNull();
    expect(moneySection(undefined)).toBeNull();
  });

  it('puts the new-work warning first, then overdue invoices, late payers and scope creep', () => {
    const section = moneySection({
      overdue: [{ client: 'Acme', reference: 'INV-7', amount: '1200.00', currency: 'EUR', daysLate: 1, reminded: true }],
      latePayers: [{ client: 'Acme', paidLate: 2 }],
      scope: [{ client: 'Acme', extraWork: 2, revisions: 3, round: 3, includedRounds: 2 }, { client: 'Nora', extraWork: 0, revisions: 1, round: 1, includedRounds: null }],
      warnings: [{ client: 'Acme', count: 1 }],
    })!;
    expect(section.title).toBe('Money and scope');
    expect(section.lines[1]!.note).toBe('a reminder is drafted in your mailbox');
    expect(section.lines.map((l) => l.text)).toEqual([
      'Acme asked for new work while an invoice is overdue: settle the invoice before saying yes.',
      'Invoice INV-7 to Acme (1200.00 EUR) is 1 day overdue.',
      'Acme has paid 2 invoices late: consider a deposit or shorter terms.',
      'Acme: 2 requests beyond the agreed scope; revision round 3 of 2 included (beyond what was agreed).',
      'Nora: revision round 1.',
    ]);
  });
});
