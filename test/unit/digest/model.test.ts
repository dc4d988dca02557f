import { describe, expect, it } from 'vitest';
import { buildDigestModel, renderDigestText } from '../../../src/domain/digest/index.js';
import { subject } from '../../../src/domain/digest/words.js';
import { emptyInput, NOW, scenarioInput } from './scenario.js';

describe('buildDigestModel on the seeded Monday', () => {
  const model = buildDigestModel(scenarioInput(), NOW);

  it('counts after-hours client messages per client, with what Boundary did and why', () => {
    expect(model.afterHours).toMatchObject({ total: 4, replied: 1, held: 3, preview: 0 });
    // The VIP comes first: Boundary never answers them, so the user must.
    expect(model.afterHours.clients.map((c) => [c.client, c.messages.length])).toEqual([['Beta Studio', 1], ['Acme', 3]]);
    const acme = model.afterHours.clients[1]!.messages;
    expect(acme.map((m) => [m.localTime, m.outcome, m.why])).toEqual([
      ['Fri 20:30', 'replied', undefined],
      ['Sat 11:00', 'cancelled', 'you answered first'],
      ['Sun 19:00', 'held', 'they already had an automatic reply recently'],
    ]);
    // The newsletter from the client's domain is not a client message.
    expect(acme.some((m) => m.subject === 'Acme newsletter')).toBe(false);
  });

  it('lists only meeting requests outside hours, with the answer and proposals', () => {
    expect(model.meetings).toEqual([
      expect.objectContaining({ subject: 'Sprint review', localStart: 'Sat 18:00', category: 'weekend', answer: 'declined', proposals: ['Monday 30 November, 10:00'] }),
    ]);
  });

  it("finds the user's own after-hours mail to clients, not to friends or within hours", () => {
    expect(model.ownBoundary).toEqual({ count: 1, clients: [{ client: 'Acme', count: 1 }], examples: [{ client: 'Acme', localTime: 'Sat 23:40', subject: 'Re: Quick change to the homepage', category: 'weekend' }] });
  });

  it('compares outside-hours share week on week and flags who is rising', () => {
    const acme = model.pressure.find((p) => p.client === 'Acme')!;
    expect(acme).toMatchObject({ thisWeek: { total: 4, outside: 3 }, lastWeek: { total: 4, outside: 0 }, shareNow: 0.75, shareBefore: 0, rising: true });
    // One late message is not a trend.
    expect(model.pressure.find((p) => p.client === 'Beta Studio')).toMatchObject({ thisWeek: { total: 1, outside: 1 }, rising: false });
    expect(model.pressure.some((p) => p.client.includes('friend'))).toBe(false);
  });

  it("puts the user's own after-hours share to a client beside the client's, and says nothing for a client the user did not write to", () => {
    const input = scenarioInput();
    // The ledger holds the same sent mail as the own-boundary section: one Saturday 23:40 reply, one Friday 10:00 update.
    input.conversation = input.sent.map((s, i) => ({ accountId: 'a', threadId: `s${i}`, direction: 'out' as const, from: 'drita@studio.al', recipients: s.recipients, clientId: null, subject: s.subject, at: s.at, automated: false }));
    const both = buildDigestModel(input, NOW);
    expect(both.ownBoundary?.clients).toEqual([{ client: 'Acme', count: 1 }]);
    expect(both.pressure.find((p) => p.client === 'Acme')!.yours).toEqual({ sent: 2, outside: 1, share: 0.5 });
    expect(both.pressure.find((p) => p.client === 'Beta Studio')!.yours).toBeUndefined();
    const text = renderDigestText(both);
    expect(text).toContain('You: 1 of 2 (50%) outside your hours this week');
    expect(text).not.toContain('0 of 0');
    // Without a ledger (and in digests stored before), the line stays as it was.
    expect(model.pressure.every((p) => p.yours === undefined)).toBe(true);
  });

  it('draws a 7×24 heatmap in the user zone, knowing the usual hours', () => {
    const h = model.heatmap;
    expect(h.counts).toHaveLength(7);
    expect(h.counts.every((r) => r.length === 24)).toBe(true);
    expect(h.total).toBe(9); // 8 from Acme + 1 from Beta; the friend is not a client
    expect(h.counts[4]![20]).toBe(1); // Fri 20:30 Tirana
    expect(h.counts[5]![22]).toBe(1); // Sat 22:15 Tirana (Beta)
    expect(h.working[0]![9]).toBe(true);
    expect(h.working[0]![17]).toBe(false);
    expect(h.working[5]!.some(Boolean)).toBe(false);
  });

  it('reports account health, worst problem first', () => {
    expect(model.accounts.map((a) => a.problem)).toEqual([null, 'needs-reconnect']);
    expect(model.accounts[0]!.syncLagMinutes).toBe(5);
  });

  it('reads warmly and puts what needs the user first', () => {
    const text = renderDigestText(model);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Good morning, Drita.');
    expect(lines[1]).toBe('4 client messages arrived outside your hours; Boundary answered 1 politely and kept 3 for you. 2 things need you today, listed first.');
    const order = ['NEEDS YOU TODAY', 'WHILE YOU WERE OFF', 'MEETING REQUESTS', 'WORTH A GENTLE NUDGE', 'YOUR OWN BOUNDARY', 'PRESSURE THIS WEEK', 'WHEN CLIENT MAIL ARRIVES'].map((h) => text.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('drita@outlook.com needs reconnecting');
    expect(text).toContain('Acme: "Deposit for phase 2" is overdue.');
    expect(text).toContain('Suggested: "Hi Ana, a gentle reminder about the phase 2 deposit we agreed on 10 November."');
    expect(text).toContain('Acme is rising: 75% of this week\'s mail came outside your hours (last week 0%).');
    expect(text).toContain('each late answer teaches them that late is normal');
    expect(subject(model)).toBe('Your boundary digest for Mon 23: 4 after-hours messages, 2 for you');
  });
});

describe('an empty day', () => {
  it('gets a short, warm digest instead of a wall of zeros', () => {
    const model = buildDigestModel(emptyInput('2026-11-23'), NOW);
    expect(model.empty).toBe(true);
    const text = renderDigestText(model);
    expect(text.trim().split('\n')).toEqual(['Good morning, Drita.', 'A quiet stretch: no client wrote outside your hours and nothing needs you. Have a good Monday.', '', '— Boundary']);
    expect(text).not.toMatch(/\b0\b/);
  });

  it('says so differently on a weekend and on a holiday', () => {
    const at = new Date('2026-11-28T07:00:00Z');
    const saturday = buildDigestModel(emptyInput('2026-11-28', at), at);
    expect(renderDigestText(saturday)).toContain('Enjoy your Saturday: it is yours.');
    const input = emptyInput('2026-11-28', at);
    const holiday = buildDigestModel({ ...input, settings: { ...input.settings, holidays: { enabled: true, country: 'AL' } } }, at);
    expect(holiday.dayKind).toBe('holiday');
    expect(renderDigestText(holiday)).toMatch(/^Good morning, Drita\.\nHappy .+! All quiet/);
  });

  it('is not empty when a client is rising, even with no new messages', () => {
    const input = { ...emptyInput('2026-11-23'), arrivals: scenarioInput().arrivals };
    expect(buildDigestModel(input, NOW).empty).toBe(false);
  });
});

describe('a long follow-up report', () => {
  it('shows the first few and says how many more, counting all of them in the headline', () => {
    const input = scenarioInput();
    const e = input.followUp.expectations[0]!;
    input.followUp.expectations = Array.from({ length: 8 }, (_, i) => ({ ...e, id: `e${i}`, title: `Milestone ${i}` }));
    const model = buildDigestModel(input, NOW);
    expect(model.followUp.expectations).toHaveLength(5);
    expect(model.followUpCounts.expectations).toBe(8);
    const text = renderDigestText(model);
    expect(text).toContain('9 things need you today'); // 8 expectations + the account to reconnect
    expect(text).toContain('…and 3 more in your follow-ups.');
    expect(text).not.toContain('Milestone 5');
  });
});
