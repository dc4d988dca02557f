import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { clientPatterns, patternSpanMs } from '../../../src/domain/digest/patterns.js';
import { clientPressure, withOwnShares } from '../../../src/domain/digest/pressure.js';
import type { DigestInput } from '../../../src/domain/digest/types.js';
import { pressureIntro, pressureNote, sparkline } from '../../../src/domain/digest/pressure-words.js';
import { clientMessages, type ConversationMessage } from '../../../src/domain/follow-up/conversation.js';
import { reappearances } from '../../../src/domain/follow-up/silence.js';
import { chaserMessages } from '../../../src/domain/pressure/chasers.js';
import { chasingByClient } from '../../../src/domain/pressure/chasing.js';
import { ownShareText } from '../../../src/domain/pressure/own-share.js';
import { clientProfiles } from '../../../src/domain/pressure/profile.js';
import { verdictOf } from '../../../src/domain/pressure/verdict.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const settingsWith = (extra: object = {}) => parseSettings({
  timeZone: 'Europe/Tirane',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: { enabled: false },
  addresses: ['me@studio.al'],
  clientMode: 'listed',
  clients: [{ id: 'v', name: 'Victor', domains: ['tightrope.example'] }, { id: 'm', name: 'Marco', domains: ['nightjar.example'] }, { id: 'd', name: 'Dana', domains: ['quietwater.example'], silenceThresholdDays: 3 }],
  ...extra,
});
const settings = settingsWith();
// Monday 30 November 2026, 08:00 in Tirana.
const NOW = DateTime.fromISO('2026-11-30T07:00:00Z', { zone: 'utc' });

const inbound = (from: string, at: string, subject = 'Banner sizes', thread = 't1', signals?: string[]): ConversationMessage => ({ accountId: 'a', threadId: thread, direction: 'in', from, recipients: ['me@studio.al'], clientId: null, subject, at, automated: false, ...(signals ? { signals } : {}) });
const outbound = (to: string, at: string, thread = 't1'): ConversationMessage => ({ accountId: 'a', threadId: thread, direction: 'out', from: 'me@studio.al', recipients: [to], clientId: null, subject: 'Re: Banner sizes', at, automated: false });
const V = 'victor@tightrope.example';

/** Victor's Wednesday: a request at 16:50 local, then a "Re:" every hour until 21:05, no answer. */
const victorsEvening = (day: string) => ['15:50', '16:05', '17:05', '18:05', '19:05', '20:05'].map((t, i) => inbound(V, `${day}T${t}:00.000Z`, i === 0 ? 'Banner sizes' : 'Re: Banner sizes', `t-${day}`));

describe('chasers, counted from the ledger', () => {
  it('counts chasing words, and writing again in one thread before the user answered', () => {
    const rows = [...victorsEvening('2026-11-25')];
    expect(chaserMessages(clientMessages(rows, settings)).map((m) => m.at.slice(11, 16))).toEqual(['16:05', '17:05', '18:05', '19:05', '20:05']);
    const words = clientMessages([inbound(V, '2026-11-24T10:00:00.000Z', 'Any update on the banner?', 'x')], settings);
    expect(chaserMessages(words)).toHaveLength(1);
  });

  it('does not count two separate requests as chasing, only a third unanswered one', () => {
    const marco = ['02:00', '02:20', '03:00'].map((t, i) => inbound('marco@nightjar.example', `2026-11-27T${t}:00.000Z`, `Topic ${i}`, `m${i}`));
    expect(chaserMessages(clientMessages(marco.slice(0, 2), settings))).toEqual([]);
    expect(chaserMessages(clientMessages(marco, settings)).map((m) => m.subject)).toEqual(['Topic 2']);
  });

  it("stops counting once the user answers, and trusts a stored 'chaser' signal", () => {
    const rows = [inbound(V, '2026-11-25T10:00:00.000Z'), outbound(V, '2026-11-25T11:00:00.000Z'), inbound(V, '2026-11-25T12:00:00.000Z', 'Re: Banner sizes')];
    expect(chaserMessages(clientMessages(rows, settings))).toEqual([]);
    const stored = [inbound(V, '2026-11-25T12:00:00.000Z', 'Hello', 't9', ['chaser'])];
    expect(chaserMessages(clientMessages(stored, settings))).toHaveLength(1);
  });

  it('flags a client over the absolute daily limit, not only a rise, and the limit is a setting', () => {
    const rows = [...victorsEvening('2026-11-18'), ...victorsEvening('2026-11-25')];
    const [victor] = chasingByClient(chaserMessages(clientMessages(rows, settings)), settings, NOW);
    expect(victor).toEqual({ client: 'Victor', thisWeek: 5, lastWeek: 5, outside: 5, busiestDay: { date: '2026-11-25', count: 5 }, limit: 3, overLimit: true });
    const lenient = settingsWith({ chasing: { dailyLimit: 6 } });
    expect(chasingByClient(chaserMessages(clientMessages(rows, lenient)), lenient, NOW)[0]!.overLimit).toBe(false);
    expect(() => settingsWith({ chasing: { dailyLimit: 0 } })).toThrow(/chasing\.dailyLimit/);
  });
});

describe('pressure shows the after-hours share as well as the change', () => {
  it('names a client with 5 of 6 messages after hours even when it is no rise', () => {
    const arrivals = [...victorsEvening('2026-11-18'), ...victorsEvening('2026-11-25')].map((m) => ({ at: m.at, sender: m.from! }));
    const rows = clientPressure(settings, arrivals, NOW);
    expect(rows[0]).toMatchObject({ client: 'Victor', rising: false, heavy: true, thisWeek: { total: 6, outside: 5 } });
    expect(pressureIntro(rows)).toBe('Victor sent 5 of 6 messages (83%) outside your hours this week, the same as last week.');
    expect(pressureIntro([])).toMatch(/^No client sends most of their mail outside your hours/);
  });

  it("shows the user's own share this week beside the client's, and nothing for a client the user did not write to", () => {
    const theirs = [...victorsEvening('2026-11-25'), inbound('marco@nightjar.example', '2026-11-27T02:00:00.000Z', 'Logo', 'm1')];
    const arrivals = theirs.map((m) => ({ at: m.at, sender: m.from! }));
    // Wed 21:30 and Thu 10:00 local to Victor this week, a Tuesday 23:00 reply the week before (not this week's).
    const mine = [outbound(V, '2026-11-25T20:30:00.000Z'), outbound(V, '2026-11-26T09:00:00.000Z'), outbound(V, '2026-11-17T22:00:00.000Z')];
    const rows = withOwnShares(clientPressure(settings, arrivals, NOW), clientMessages([...theirs, ...mine], settings), settings, NOW);
    const victor = rows.find((r) => r.client === 'Victor')!;
    expect(victor.yours).toEqual({ sent: 2, outside: 1, share: 0.5 });
    expect(victor).toMatchObject({ thisWeek: { total: 6, outside: 5 } });
    expect(pressureNote(victor)).toBe('5 of 6 (83%) outside hours this week; no mail last week (rising). You: 1 of 2 (50%) outside your hours this week');
    const marco = rows.find((r) => r.client === 'Marco')!;
    expect(marco.yours).toBeUndefined();
    expect(pressureNote(marco)).not.toMatch(/You:|0 of 0/);
  });
});

describe('problem client, or a client with a problem', () => {
  it('weighs twelve weeks: evenings and chasing make a problem client; an urgent return after silence, a client with a problem', () => {
    const rows = [
      ...victorsEvening('2026-11-18'), outbound(V, '2026-11-19T07:30:00.000Z', 't-2026-11-18'), ...victorsEvening('2026-11-25'),
      outbound('dana@quietwater.example', '2026-11-16T11:00:00.000Z', 'd1'),
      inbound('dana@quietwater.example', '2026-11-28T06:10:00.000Z', 'URGENT: need the brand guide today', 'd2'),
    ];
    const messages = clientMessages(rows, settings);
    const profiles = clientProfiles(messages, chaserMessages(messages), [], settings, NOW);
    const victor = profiles.find((p) => p.client === 'Victor')!;
    expect(victor).toMatchObject({ messages: 12, outside: 10, chasers: 10, chaserDaysOverLimit: 2, urgent: 0 });
    expect(victor.verdict).toMatchObject({ kind: 'problem-client', because: ['evenings', 'chasing'] });
    expect(victor.trend).toHaveLength(12);
    expect(victor.trend.slice(-2).map((w) => w.chasers)).toEqual([5, 5]);
    const dana = profiles.find((p) => p.client === 'Dana')!;
    expect(dana).toMatchObject({ urgent: 1, turnedOutUrgent: 0, urgentReturns: 1 });
    expect(dana.verdict.kind).toBe('client-with-a-problem');
    // Both sides: Victor's answer went at 08:30 local (before the day starts), Dana's at noon.
    expect(victor.yours).toEqual({ sent: 1, outside: 1, share: 1 });
    expect(ownShareText(victor.yours)).toBe('You: 1 of 1 (100%) outside your hours');
    expect(dana.yours).toEqual({ sent: 1, outside: 0, share: 0 });
  });

  it('says nothing of the user\'s share for a client the user never wrote to, rather than "0 of 0"', () => {
    const messages = clientMessages(victorsEvening('2026-11-25'), settings);
    const [victor] = clientProfiles(messages, chaserMessages(messages), [], settings, NOW);
    expect(victor!.messages).toBe(6);
    expect(victor!.yours).toBeNull();
    expect(ownShareText(victor!.yours)).toBeNull();
    expect(ownShareText({ sent: 0, outside: 0, share: 0 })).toBeNull();
  });

  it("counts nine replies, two of them late, as 22% of the user's mail outside the user's hours", () => {
    const late = ['2026-11-24T19:00:00.000Z', '2026-11-28T10:00:00.000Z'];
    const inHours = ['09', '10', '11', '12', '13', '14', '15'].map((h) => `2026-11-26T${h}:00:00.000Z`);
    const rows = [inbound(V, '2026-11-24T08:00:00.000Z'), ...[...late, ...inHours].map((at) => outbound(V, at))];
    const messages = clientMessages(rows, settings);
    const [victor] = clientProfiles(messages, [], [], settings, NOW);
    expect(victor!.yours).toMatchObject({ sent: 9, outside: 2 });
    expect(ownShareText(victor!.yours)).toBe('You: 2 of 9 (22%) outside your hours');
  });

  it('counts an urgent message as turned out urgent when the user answered within two working hours', () => {
    const rows = [inbound(V, '2026-11-24T08:00:00.000Z', 'URGENT: the site is down', 'u1'), outbound(V, '2026-11-24T09:30:00.000Z', 'u1'), inbound(V, '2026-11-25T08:00:00.000Z', 'Urgent: a comma', 'u2'), outbound(V, '2026-11-26T12:00:00.000Z', 'u2')];
    const messages = clientMessages(rows, settings);
    expect(clientProfiles(messages, [], [], settings, NOW)[0]).toMatchObject({ urgent: 2, turnedOutUrgent: 1 });
  });

  it("counts the user's broken promises on the other side of the scale", () => {
    const base = { messages: 10, outside: 8, afterHoursShare: 0.8, chasers: 6, chaserDaysOverLimit: 1, urgent: 0, turnedOutUrgent: 0, urgentReturns: 0, latePayments: 0, brokenByClient: 0, brokenByUser: 0 };
    expect(verdictOf(base).kind).toBe('problem-client');
    expect(verdictOf({ ...base, brokenByUser: 1, turnedOutUrgent: 1, urgent: 1 }).kind).toBe('client-with-a-problem');
    expect(verdictOf({ ...base, outside: 1, afterHoursShare: 0.1, chaserDaysOverLimit: 0 }).kind).toBe('fine');
  });

  it('draws a trend as a text sparkline', () => {
    expect(sparkline([0, 0, 1, 2, 4])).toBe('▁▁▃▅█');
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});

describe('silent returns', () => {
  it("use the client's own silence threshold (Dana: 9.6 working days against her 3, not the global 10)", () => {
    const rows = [outbound('dana@quietwater.example', '2026-11-16T11:00:00.000Z', 'd1'), inbound('dana@quietwater.example', '2026-11-28T06:10:00.000Z', 'URGENT: need the brand guide today', 'd2')];
    const [r] = reappearances(clientMessages(rows, settings), settings, NOW);
    expect(r).toMatchObject({ silentWorkingDays: 9.6, urgentWords: expect.arrayContaining(['urgent']) });
    const global = settingsWith({ clients: [{ id: 'd', name: 'Dana', domains: ['quietwater.example'] }] });
    expect(reappearances(clientMessages(rows, global), global, NOW)).toEqual([]);
  });
});

describe('the patterns read only the span a day needs', () => {
  const patterns = (date: string, now: DateTime, conversation: ConversationMessage[]) => clientPatterns({ settings, date, conversation } as unknown as DigestInput, now);

  it('counts a chaser from two weeks ago whose unanswered predecessor is almost three days older, on a day without the weekly lines', () => {
    // Tuesday 1 December 2026: the chaser is 13.9 days old, the first message of its thread 16.9.
    const tuesday = DateTime.fromISO('2026-12-01T07:00:00Z', { zone: 'utc' });
    const rows = [inbound(V, '2026-10-01T10:00:00.000Z', 'Old', 'old'), inbound(V, '2026-11-14T10:30:00.000Z', 'Copy', 'c'), inbound(V, '2026-11-17T10:00:00.000Z', 'Re: Copy', 'c'), inbound(V, '2026-11-30T10:00:00.000Z', 'Any update?', 'u')];
    const everything = chasingByClient(chaserMessages(clientMessages(rows, settings)), settings, tuesday);
    expect(everything).toMatchObject([{ client: 'Victor', thisWeek: 1, lastWeek: 1 }]);
    const read = patterns('2026-12-01', tuesday, rows);
    expect(read.chasing).toEqual(everything);
    expect(read.problemClients).toBeNull();
    expect(patternSpanMs(settings, '2026-12-01')).toBeLessThan(patternSpanMs(settings, '2026-11-30'));
  });

  it('weighs twelve weeks of mail on the weekly day', () => {
    const rows = Array.from({ length: 8 }, (_, week) => victorsEvening(NOW.minus({ weeks: 8 - week, days: 3 }).toISODate()!)).flat();
    const monday = patterns('2026-11-30', NOW, rows);
    expect(monday.problemClients?.map((p) => p.client)).toEqual(['Victor']);
    expect(monday.messages[0]!.at).toBe(rows[0]!.at);
  });
});
