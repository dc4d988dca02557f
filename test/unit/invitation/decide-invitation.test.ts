import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { workingTimeBetween } from '../../../src/domain/hours/index.js';
import { decideInvitation } from '../../../src/domain/invitation.js';
import type { BusyInterval, InvitationMeta } from '../../../src/domain/message.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';
import type { Settings } from '../../../src/domain/settings.js';

const nine = [{ start: '09:00', end: '17:00' }];
function settings(policy = 'notify-only', extra: Record<string, unknown> = {}): Settings {
  return parseSettings({
    timeZone: 'Europe/Tirane',
    name: 'Elira',
    week: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine },
    holidays: { country: 'AL' },
    addresses: ['me@elira.al'],
    invitationPolicy: policy,
    ...extra,
  });
}

// Tuesday 2026-03-17 09:00 in Tirana (CET, UTC+1).
const now = DateTime.fromISO('2026-03-17T08:00:00Z');

function invite(start: string, end: string, over: Partial<InvitationMeta> = {}): InvitationMeta {
  return {
    provider: 'google', providerEventId: 'ev1', iCalUID: 'ev1@google.com', subject: 'Sprint review',
    organizer: { address: 'pm@client.example' }, start, end, timeZone: 'America/New_York', isAllDay: false,
    selfResponse: 'needsAction', allowNewTimeProposals: true, cancelled: false, updatedAt: '2026-03-16T10:00:00Z', ...over,
  };
}

const saturday = invite('2026-03-21T09:00:00Z', '2026-03-21T10:00:00Z'); // Sat 10:00–11:00 Tirana
// Busy Tue 09:00–12:00 and all of Wednesday.
const busy: BusyInterval[] = [
  { start: '2026-03-17T08:00:00Z', end: '2026-03-17T11:00:00Z' },
  { start: '2026-03-18T08:00:00Z', end: '2026-03-18T16:00:00Z' },
];

describe('decideInvitation', () => {
  it('a Saturday invitation is a weekend one, notified under the default policy', () => {
    const d = decideInvitation(saturday, settings(), busy, now);
    expect(d).toMatchObject({ category: 'weekend', action: 'notify', reasons: ['weekend', 'policy-notify-only'], note: null });
  });

  it('proposes free working slots of the same length, one per day, in both zones', () => {
    const d = decideInvitation(saturday, settings(), busy, now);
    // Wed is busy; Fri 20 (Eid al-Fitr) and Mon 23 (Nevruz, substitute) are Albanian public holidays.
    expect(d.proposals.map((p) => p.start)).toEqual(['2026-03-17T12:00:00.000+01:00', '2026-03-19T09:00:00.000+01:00', '2026-03-24T09:00:00.000+01:00']);
    expect(d.proposals[0]).toMatchObject({ userText: 'Tue 17 Mar, 12:00–13:00 Tirana time', organizerText: 'Tue 17 Mar, 07:00–08:00 New York time' });
    const s = settings();
    for (const p of d.proposals) {
      const [a, b] = [DateTime.fromISO(p.start), DateTime.fromISO(p.end)];
      expect(b.diff(a).as('minutes')).toBe(60);
      expect(workingTimeBetween(s, a, b).as('minutes')).toBe(60);
      expect(a >= now).toBe(true);
      for (const x of busy) expect(a.toMillis() >= Date.parse(x.end) || b.toMillis() <= Date.parse(x.start)).toBe(true);
    }
  });

  it('16:30–17:30 for a 09–17 user is partly outside', () => {
    const d = decideInvitation(invite('2026-03-19T15:30:00Z', '2026-03-19T16:30:00Z'), settings(), [], now);
    expect(d.category).toBe('partly-outside');
    expect(d.proposals).toHaveLength(3);
  });

  it('within working hours needs no action', () => {
    expect(decideInvitation(invite('2026-03-19T09:00:00Z', '2026-03-19T10:00:00Z'), settings('decline-with-proposals'), [], now)).toMatchObject({ category: 'within-hours', action: 'none', reasons: ['within-hours'] });
  });

  it('evenings, holidays and vacations get their own categories', () => {
    expect(decideInvitation(invite('2026-03-19T18:00:00Z', '2026-03-19T19:00:00Z'), settings(), [], now).category).toBe('outside-hours');
    const holiday = decideInvitation(invite('2026-03-23T09:00:00Z', '2026-03-23T10:00:00Z'), settings(), [], now);
    expect(holiday).toMatchObject({ category: 'holiday', holidayName: expect.stringContaining('Nevruz') });
    const away = settings('reply-with-note', { vacations: [{ start: '2026-03-25', end: '2026-03-27' }] });
    const d = decideInvitation(invite('2026-03-26T09:00:00Z', '2026-03-26T10:00:00Z'), away, [], now);
    expect(d.category).toBe('vacation');
    expect(d.note).toContain('on vacation until 2026-03-27');
  });

  it.each([
    ['notify-only', 'notify'],
    ['reply-with-note', 'reply-with-note'],
    ['tentative-with-note', 'tentative-with-note'],
    ['decline-with-proposals', 'decline-with-proposals'],
  ])('policy %s maps to action %s', (policy, action) => {
    const d = decideInvitation(saturday, settings(policy), busy, now);
    expect(d.action).toBe(action);
    expect(d.reasons).toContain(`policy-${policy}`);
    if (action === 'notify') expect(d.note).toBeNull();
    else expect(d.note).toMatch(/Sprint review[\s\S]*Tue 17 Mar, 07:00–08:00 New York time \(Tue 17 Mar, 12:00–13:00 Tirana time\)[\s\S]*Elira$/);
  });

  it('does not decline when there is nothing to offer instead', () => {
    const allBusy = [{ start: '2026-03-17T00:00:00Z', end: '2026-05-01T00:00:00Z' }];
    const d = decideInvitation(saturday, settings('decline-with-proposals'), allBusy, now);
    expect(d).toMatchObject({ action: 'tentative-with-note', proposals: [] });
    expect(d.reasons).toContain('no-free-slot');
  });

  it.each([
    ['answered', { selfResponse: 'accepted' as const }, 'already-answered'],
    ['cancelled', { cancelled: true }, 'cancelled'],
    ['organized by the user', { organizer: { address: 'ME@elira.al' } }, 'organized-by-user'],
  ])('%s invitations get no action', (_name, over, reason) => {
    const d = decideInvitation(invite(saturday.start, saturday.end, over), settings('decline-with-proposals'), [], now);
    expect(d).toMatchObject({ category: 'weekend', action: 'none', reasons: [reason], proposals: [] });
  });

  it('past invitations and all-day ones get no proposals', () => {
    expect(decideInvitation(invite('2026-03-14T09:00:00Z', '2026-03-14T10:00:00Z'), settings(), [], now).reasons).toEqual(['already-over']);
    const allDay = decideInvitation(invite('2026-03-21T00:00:00Z', '2026-03-22T00:00:00Z', { isAllDay: true }), settings('decline-with-proposals'), [], now);
    expect(allDay).toMatchObject({ category: 'weekend', action: 'notify', reasons: ['weekend', 'all-day'], proposals: [] });
  });
});
