import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { decideMessage } from '../../../src/domain/decide-message.js';
import { closingNote } from '../../../src/domain/ending/closing-note.js';
import { expectationItems, sortOpenItems } from '../../../src/domain/ending/open-items.js';
import type { MessageMeta } from '../../../src/domain/message.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';
import { REPLY_LANGUAGES } from '../../../src/domain/settings.js';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const settingsWith = (status?: string, clientMode = 'external') => parseSettings({
  timeZone: 'Europe/Tirane',
  name: 'Elira',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: { enabled: false },
  addresses: ['elira@hoxha.studio'],
  clientMode,
  clients: [{ id: 'acme', name: 'Acme', domains: ['acme.com'], ...(status ? { status } : {}) }],
});
const message = (receivedAt: string): MessageMeta => ({
  providerMessageId: 'p1', threadId: 't1', messageId: '<m1@acme.com>', from: { address: 'new.person@acme.com' }, replyTo: [], to: [{ address: 'elira@hoxha.studio' }], cc: [],
  subject: 'Hello again', receivedAt, headers: {}, labels: ['inbox'],
} as unknown as MessageMeta);
const NIGHT = '2026-11-25T22:00:00.000Z';
const DAY = '2026-11-25T10:00:00.000Z';
const now = DateTime.fromISO('2026-11-25T22:05:00Z');

describe('client status in decisions', () => {
  it('never auto-replies to an ended client, in or out of hours, and says why; a new address at their domain is them, not a new client', () => {
    for (const at of [NIGHT, DAY]) {
      const d = decideMessage(message(at), settingsWith('ended'), {}, DateTime.fromISO(at).plus({ minutes: 5 }));
      expect(d).toMatchObject({ action: 'notify-only', client: { id: 'acme' }, reasons: [{ code: 'client-ended' }] });
    }
  });

  it('answers paused and active clients after hours as before', () => {
    expect(decideMessage(message(NIGHT), settingsWith('paused'), {}, now).action).toBe('auto-reply');
    expect(decideMessage(message(NIGHT), settingsWith(), {}, now).action).toBe('auto-reply');
  });

  it('rejects an unknown status with the allowed values', () => {
    expect(() => settingsWith('gone')).toThrow(/clients\[0\]\.status: must be one of 'active', 'paused', 'ended'/);
  });
});

describe('the closing note', () => {
  const settings = settingsWith();
  const items = sortOpenItems([
    ...expectationItems([
      { id: 'e1', clientId: 'acme', kind: 'payment', title: 'Final invoice', party: 'client', params: {}, dueAt: '2026-12-10T10:00:00.000Z', status: 'open', history: [], createdAt: DAY },
      { id: 'e2', clientId: 'acme', kind: 'deliverable', title: 'Logo pack', party: 'user', params: {}, dueAt: '2026-12-04T10:00:00.000Z', status: 'due', history: [], createdAt: DAY },
      { id: 'e3', clientId: 'acme', kind: 'deliverable', title: 'Done already', party: 'user', params: {}, dueAt: null, status: 'met', history: [], createdAt: DAY },
      { id: 'e4', clientId: 'other', kind: 'deliverable', title: 'Not theirs', party: 'user', params: {}, dueAt: null, status: 'open', history: [], createdAt: DAY },
    ], 'acme'),
  ]);

  it("lists the user's obligations first, then the client's, leaving out what is met", () => {
    expect(items.map((i) => [i.owedBy, i.kind, i.title])).toEqual([['you', 'deliverable', 'Logo pack'], ['client', 'payment', 'Final invoice']]);
    const note = closingNote(items, 'en', settings);
    expect(note.subject).toBe('Wrapping up our work together');
    expect(note.text).toBe([
      'Hello,',
      'Thank you for the work we have done together. I am writing to let you know that I am bringing our collaboration to a close.',
      'Before we finish, I will complete what is still open on my side:\n- Logo pack (by 4 December 2026)',
      'On your side, these are still open:\n- Final invoice (by 10 December 2026)',
      'I wish you every success with what comes next.',
      'Best regards,\nElira',
    ].join('\n\n'));
  });

  it.each(REPLY_LANGUAGES)('is written in %s, and says all is settled when nothing is open', (language) => {
    const open = closingNote(items, language, settings);
    const settled = closingNote([], language, settings);
    expect(open.text).toContain('Logo pack');
    expect(settled.text).not.toContain('Logo pack');
    expect(settled.text).toContain('Elira');
    if (language !== 'en') expect(settled.subject).not.toBe(closingNote([], 'en', settings).subject);
  });
});
