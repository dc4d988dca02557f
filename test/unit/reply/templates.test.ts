import { describe, expect, it } from 'vitest';
import { fillTemplate, templateIssues, validateTemplate, PLACEHOLDERS } from '../../../src/domain/reply/templates.js';
import { builtinTemplate } from '../../../src/domain/reply/builtin-templates.js';
import { REPLY_LANGUAGES } from '../../../src/domain/settings.js';

describe('validateTemplate', () => {
  it('accepts every known placeholder', () => {
    expect(validateTemplate(PLACEHOLDERS.map((p) => `{${p}}`).join(' '))).toEqual([]);
  });
  it('rejects an unknown placeholder by name', () => {
    const problems = validateTemplate('Hi {clientname}, back {tomorrow}');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/unknown placeholder \{clientname\}/);
  });
  it('rejects unbalanced braces', () => {
    expect(validateTemplate('Hi {clientName')).toEqual(['unbalanced { } in template']);
  });
  it('every built-in template is valid', () => {
    for (const lang of REPLY_LANGUAGES) {
      for (const cat of ['after-hours', 'weekend', 'holiday', 'vacation'] as const) expect(validateTemplate(builtinTemplate(lang, cat))).toEqual([]);
    }
  });
});

describe('templateIssues (for parseSettings and explain)', () => {
  it('names the template key and the bad placeholder', () => {
    const issues = templateIssues({ templates: { 'ru:weekend': { text: 'Привет {name}' }, holiday: { text: 'ok', subject: '{subjekt}' } } });
    expect(issues).toEqual([
      { path: 'templates.ru:weekend.text', message: expect.stringMatching(/\{name\}/) },
      { path: 'templates.holiday.subject', message: expect.stringMatching(/\{subjekt\}/) },
    ]);
  });
  it('rejects unknown keys', () => {
    expect(templateIssues({ templates: { fr: { text: 'x' } } })[0]?.path).toBe('templates.fr');
    expect(templateIssues({ templates: { default: { text: 'x' }, en: { text: 'x' }, weekend: { text: 'x' }, 'kk:vacation': { text: 'x' } } })).toEqual([]);
  });
});

describe('fillTemplate', () => {
  it('drops a line whose placeholder has no value and collapses blank lines', () => {
    expect(fillTemplate('A {userName}\n\n{vacationMessage}\n\nB {clientZone}\nC', { userName: 'x', clientZone: '' })).toBe('A x\n\nC');
  });
  it('does not re-expand braces inside values', () => {
    expect(fillTemplate('{vacationMessage}', { vacationMessage: 'see {userName}' })).toBe('see {userName}');
  });
});
