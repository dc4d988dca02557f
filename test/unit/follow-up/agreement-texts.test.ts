import { describe, expect, it } from 'vitest';
import type { Expectation } from '../../../src/domain/follow-up/expectations.js';
import { followUpReport } from '../../../src/domain/follow-up/report.js';
import { FOLLOW_UP_TEXTS } from '../../../src/domain/follow-up/texts.js';
import { REPLY_LANGUAGES, type ReplyLanguage } from '../../../src/domain/settings.js';
import { iso, ny, out, settings } from './fixture.js';

/** The word each language's revision texts must use, and the "find a new date" line they must not. */
const REVISIONS: Record<ReplyLanguage, { word: RegExp; newDate: string }> = {
  en: { word: /revisions/, newDate: 'find a new date' },
  sq: { word: /rishikim/, newDate: 'gjejmë një datë të re' },
  tl: { word: /rebisyon/, newDate: 'bagong petsa' },
  kk: { word: /түзету/, newDate: 'жаңа күн' },
  ru: { word: /правок/, newDate: 'новую дату' },
};

function agreement(over: Partial<Expectation>): Expectation {
  return { id: 'e1', clientId: 'acme', kind: 'free-text', title: 'x', party: 'client', params: {}, dueAt: null, status: 'open', history: [], createdAt: iso('2025-07-01T09:00'), ...over };
}

const reportIn = (language: ReplyLanguage, e: Expectation, messages = [] as ReturnType<typeof out>[], local = '2025-07-10T12:00') => {
  const s = settings({ clients: [{ id: 'acme', name: 'Acme', domains: ['acme.com'], language }] });
  return followUpReport({ settings: s, messages, expectations: [e], invitations: [], suggestionsPending: 0, now: ny(local) }).report.expectations;
};

describe('follow-up text for an agreement that has no due date', () => {
  it.each(REPLY_LANGUAGES)('%s: a late response-time agreement is named, with the pace agreed', (language) => {
    const e = agreement({ kind: 'response-time', title: 'Replies within two days', params: { workingDays: 2 } });
    // Written on Monday, no answer by Thursday: overdue.
    const [item] = reportIn(language, e, [out('t1', '2025-07-07T09:00')]);
    expect(item?.status).toBe('overdue');
    expect(item?.suggestedFollowUp).toContain('Replies within two days');
    expect(item?.suggestedFollowUp).toMatch(/\b2\b/);
  });

  it.each(REPLY_LANGUAGES)('%s: a broken revision limit talks about revisions, not a new date', (language) => {
    const e = agreement({ kind: 'revision-limit', title: 'Logo', params: { limit: 2, used: 3 } });
    const [item] = reportIn(language, e);
    expect(item?.status).toBe('broken');
    const text = item!.suggestedFollowUp;
    expect(text).toMatch(REVISIONS[language].word);
    expect(text).toContain('Logo');
    expect(text).toMatch(/\b3\b/);
    expect(text).not.toContain(REVISIONS[language].newDate);
  });

  it.each(REPLY_LANGUAGES)('%s: all rounds used (not yet over) says so, and that more cost extra', (language) => {
    const [item] = reportIn(language, agreement({ kind: 'revision-limit', title: 'Logo', params: { limit: 2, used: 2 } }));
    expect(item?.status).toBe('due');
    expect(item?.suggestedFollowUp).toMatch(REVISIONS[language].word);
    expect(item?.suggestedFollowUp).not.toContain(REVISIONS[language].newDate);
  });

  it('the dated kinds keep their wording', () => {
    const [item] = reportIn('en', agreement({ kind: 'deliverable', title: 'Feedback on the logo', dueAt: iso('2025-07-09T23:59') }));
    expect(item?.suggestedFollowUp).toContain('A friendly reminder about what we agreed: Feedback on the logo, due');
  });

  it('every language has every text', () => {
    const keys = Object.keys(FOLLOW_UP_TEXTS.en).sort();
    for (const l of REPLY_LANGUAGES) expect(Object.keys(FOLLOW_UP_TEXTS[l]).sort(), l).toEqual(keys);
  });
});
