import { describe, expect, it } from 'vitest';
import { suggestExpectations } from '../../../src/domain/follow-up/suggest.js';

// Wednesday 4 March 2026, 10:00 in Tirana (UTC+1).
const ctx = { sentAt: '2026-03-04T10:00:00+01:00', zone: 'Europe/Tirane', language: null, direction: 'in' as const };

describe('suggestions from mail', () => {
  it('reads English commitments relative to the message date, in the user’s zone', () => {
    const found = suggestExpectations("Thanks for the drafts! I'll send the feedback by Friday. Talk soon.", ctx);
    expect(found).toEqual([{ kind: 'deliverable', title: "I'll send the feedback by Friday.", dateText: 'Friday', dueAt: '2026-03-06T22:59:59.999Z', party: 'client' }]);
  });

  it('reads a payment promised for next week as due by the end of that week', () => {
    const [s] = suggestExpectations('Payment next week, as discussed.', ctx);
    expect(s).toMatchObject({ kind: 'payment', dateText: 'next week', dueAt: '2026-03-15T22:59:59.999Z' });
  });

  it('reads Russian commitments with the Russian parser', () => {
    const found = suggestExpectations('Спасибо! Пришлю правки до пятницы. Оплата на следующей неделе.', { ...ctx, language: 'ru' });
    expect(found.map((f) => [f.kind, f.dateText, f.dueAt])).toEqual([
      ['deliverable', 'пятницы', '2026-03-06T22:59:59.999Z'],
      ['payment', 'на следующей неделе', '2026-03-15T22:59:59.999Z'],
    ]);
  });

  it('keeps an explicit time, and marks the user’s own promises as theirs', () => {
    const [s] = suggestExpectations('I will deliver the files tomorrow at 3pm.', { ...ctx, direction: 'out' });
    expect(s).toMatchObject({ dueAt: '2026-03-05T14:00:00.000Z', party: 'user', kind: 'deliverable' });
  });

  it('proposes nothing for dates without a commitment, or in the past', () => {
    expect(suggestExpectations('We met on Monday, it was lovely.', ctx)).toEqual([]);
    expect(suggestExpectations('Nice weather today.', ctx)).toEqual([]);
    expect(suggestExpectations('I sent the invoice yesterday.', ctx)).toEqual([]);
  });
});
