import { describe, expect, it } from 'vitest';
import { abuseItems, abuseSection } from '../../../src/domain/digest/abuse.js';

const row = (code: string, message: string) => ({ at: '2026-11-25T22:00:00.000Z', sender: 'victor@rude.example', senderName: 'Victor', subject: 'The site', action: 'notify-only', category: 'after-hours', reasons: [{ code, message }], reply: null });

describe('abusive mail in the digest', () => {
  it('leads with what was not answered, with the words and the time', () => {
    const items = abuseItems([row('abusive', 'No polite auto-reply to abusive wording ("You idiot"): you are notified instead'), row('after-hours', 'x')], 'Europe/Tirane');
    expect(items).toEqual([{ sender: 'Victor <victor@rude.example>', subject: 'The site', localTime: 'Wed 23:00', evidence: 'You idiot' }]);
    const section = abuseSection(items)!;
    expect(section).toMatchObject({ id: 'abuse', title: 'Abusive mail: not answered', lines: [{ text: 'Victor <victor@rude.example>: "The site"', note: 'Wed 23:00; "You idiot"' }] });
  });
  it('also lists abuse that arrived within hours, from the stored signals, once per message', () => {
    const decided = row('abusive', 'No polite auto-reply to abusive wording ("You idiot"): you are notified instead');
    const items = abuseItems([decided], 'Europe/Tirane', [
      { at: decided.at, sender: 'victor@rude.example', subject: 'The site', evidence: 'You idiot' },
      { at: '2026-11-25T10:15:00.000Z', sender: 'victor@rude.example', subject: 'Again', evidence: 'useless' },
    ]);
    expect(items).toEqual([
      { sender: 'victor@rude.example', subject: 'Again', localTime: 'Wed 11:15', evidence: 'useless' },
      { sender: 'Victor <victor@rude.example>', subject: 'The site', localTime: 'Wed 23:00', evidence: 'You idiot' },
    ]);
  });

  it('is left out when there was none', () => {
    expect(abuseSection([])).toBeNull();
    expect(abuseSection(undefined)).toBeNull();
  });
});
