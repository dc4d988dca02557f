import { describe, expect, it } from 'vitest';
import { requestedQuantity } from '../../../src/domain/money/quantity.js';
import { paymentReminderText } from '../../../src/domain/money/reminder-text.js';
import { scopeCostText } from '../../../src/domain/money/scope-cost-text.js';
import { REMINDER_STAGES, type Scope } from '../../../src/domain/money/types.js';
import { REPLY_LANGUAGES } from '../../../src/domain/settings.js';

const facts = { reference: 'INV-14', amount: '1200.00', currency: 'EUR', dueOn: '2026-12-15', daysLate: 9, today: '2026-12-24', clientName: null, userName: 'Elira' };

describe('payment reminder wording', () => {
  it.each(REPLY_LANGUAGES)('names the invoice, amount and due date in every stage (%s), each stage in its own words', (language) => {
    const texts = REMINDER_STAGES.map((s) => paymentReminderText(s, facts, language));
    for (const t of texts) {
      expect(t.subject).toContain('INV-14');
      expect(t.text).toContain('INV-14');
      expect(t.text).toMatch(/1[\s\u00a0.,’]?200/);
      expect(t.text).toContain('EUR');
      expect(t.text).toMatch(/Elira$/);
    }
    expect(new Set(texts.map((t) => t.text)).size).toBe(4);
    expect(new Set(texts.map((t) => t.subject)).size).toBe(4);
  });

  it('grows firmer: only the late notes count the days, only the last names a deadline and pauses new work', () => {
    const [before, due, week, month] = REMINDER_STAGES.map((s) => paymentReminderText(s, facts, 'en').text);
    expect(before).toContain('friendly note');
    expect(before).toContain('due on 15 December 2026');
    expect(due).toContain('due today');
    expect(week).toContain('9 days overdue');
    expect(month).toContain('by 31 December 2026'); // a week after the day it is drafted
    expect(month).toContain('pausing any new work');
    for (const t of [before, due, week]) expect(t).not.toMatch(/pausing|deadline/);
  });

  it('writes dates and amounts the way the client reads them', () => {
    expect(paymentReminderText('late-7', facts, 'ru').text).toContain('15 декабря 2026');
    expect(paymentReminderText('late-7', facts, 'sq').text).toMatch(/15 dhjetor 2026/);
    expect(paymentReminderText('due', facts, 'kk').subject).toBe('INV-14 шоты: төлем мерзімі бүгін');
  });
});

const scope: Scope = { deliverables: ['5-page website'], revisionRounds: 2, rate: '100.00', currency: 'EUR', unit: 'page' };

describe('scope-cost wording', () => {
  it('states the rate, the total for the pages asked for, that it is outside the scope, and asks to confirm first', () => {
    const text = scopeCostText({ kind: 'extra-work', evidence: '5 more pages', scope, round: null, clientName: 'Anna', userName: 'Elira' }, 'en');
    expect(text).toMatch(/^Hello Anna,/);
    expect(text).toContain('“5 more pages”');
    expect(text).toContain('outside the scope we agreed (5-page website)');
    expect(text).toMatch(/5 × EUR[\s\u00a0]100\.00 = EUR[\s\u00a0]500\.00/);
    expect(text).toContain('Please confirm');
    expect(text).toContain('adds time to the schedule');
  });

  it('promises an estimate instead of inventing a total when the request does not count the rate unit', () => {
    const text = scopeCostText({ kind: 'extra-work', evidence: 'can you also add a blog', scope: { ...scope, unit: 'hour', rate: '40' }, round: null, clientName: null, userName: 'Elira' }, 'en');
    expect(text).toContain('My rate for additional work is EUR');
    expect(text).not.toContain('×');
    const noRate = scopeCostText({ kind: 'extra-work', evidence: 'one more page', scope: null, round: null, clientName: null, userName: 'Elira' }, 'en');
    expect(noRate).toContain('I will send you an estimate of the time and the cost');
  });

  it('names a revision round beyond the included ones as such, in all five languages', () => {
    const en = scopeCostText({ kind: 'revision', evidence: 'please change the colours', scope, round: 3, clientName: null, userName: 'Elira' }, 'en');
    expect(en).toContain('This would be revision round 3, and our agreement includes 2');
    expect(scopeCostText({ kind: 'revision', evidence: 'поправьте', scope, round: 3, clientName: null, userName: 'Elira' }, 'ru')).toContain('3-й круг правок');
    expect(scopeCostText({ kind: 'revision', evidence: 'ndryshoni', scope, round: 3, clientName: null, userName: 'Elira' }, 'sq')).toContain('raundi i 3-të');
    expect(scopeCostText({ kind: 'revision', evidence: 'түзетіңіз', scope, round: 3, clientName: null, userName: 'Elira' }, 'kk')).toContain('3-ші түзету кезеңі');
    expect(scopeCostText({ kind: 'revision', evidence: 'pakibago', scope, round: 3, clientName: null, userName: 'Elira' }, 'tl')).toContain('ika-3 na round');
  });

  it.each([
    ['add 5 more pages', 5], ['one more page', 1], ['ещё две страницы', 2], ['тағы бір бет', 1], ['edhe dy faqe', 2], ['isa pang pahina', 1],
    ['a few more pages', null], ['another banner', null],
  ])('counts the pages in "%s" as %s', (words, n) => {
    expect(requestedQuantity(words, 'page')).toBe(n);
  });
});
