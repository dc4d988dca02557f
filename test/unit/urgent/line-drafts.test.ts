import { describe, expect, it } from 'vitest';
import { draftSubject, lineDraftText } from '../../../src/domain/reply/line-drafts.js';
import { detectLanguage } from '../../../src/domain/language.js';
import { REPLY_LANGUAGES } from '../../../src/domain/settings.js';
import { detectSignals } from '../../../src/domain/signals/index.js';
import { settings } from '../../fixtures/build.js';

describe('drafts for mail under pressure', () => {
  it.each(REPLY_LANGUAGES)('are written in %s, greet the client and never thank them for an insult', (language) => {
    for (const kind of ['deadline-question', 'set-the-line'] as const) {
      const text = lineDraftText({ kind, language, recipientName: 'Dana Client', userName: 'Arta Hoxha' });
      expect(text).toMatch(/Dana/);
      expect(text.endsWith('Arta Hoxha')).toBe(true);
      if (language !== 'sq') expect(detectLanguage(text)).toBe(language); // tinyld reads the other four
    }
    const line = lineDraftText({ kind: 'set-the-line', language, recipientName: 'Dana', userName: 'Arta' });
    expect(line).not.toMatch(/thank|спасибо|рахмет|faleminderit|salamat/i);
  });

  it('a drafted reply raises no signal of its own (it is calm)', () => {
    for (const language of REPLY_LANGUAGES) {
      for (const kind of ['deadline-question', 'set-the-line'] as const) {
        const body = lineDraftText({ kind, language, recipientName: 'Dana', userName: 'Arta' });
        const codes = detectSignals({ subject: '', body, headers: {}, receivedAt: '2026-11-25T10:00:00Z' }, { settings, client: null, language }).map((s) => s.code);
        expect(codes.filter((c) => c === 'abusive' || c === 'urgent'), `${kind} ${language}`).toEqual([]);
      }
    }
  });

  it('greets plainly when the name is unknown', () => {
    expect(lineDraftText({ kind: 'deadline-question', language: 'en', recipientName: null, userName: 'Arta' })).toMatch(/^Hello,\n\n/);
  });

  it('answers in the same thread subject', () => {
    expect(draftSubject('Site down', 'Re:')).toBe('Re: Site down');
    expect(draftSubject('RE: Site down', 'Re:')).toBe('RE: Site down');
  });
});
