import type { DigestInput } from '../../../src/domain/digest/index.js';
import type { FollowUpReport } from '../../../src/domain/follow-up/types.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';

/**
 * A freelancer in Tirana (Mon–Fri 09–17), two listed clients, Friday's digest → Monday 23 Nov 2026
 * 08:00 local (07:00Z). The same story is seeded into the database by the integration tests.
 */
export const NOW = new Date('2026-11-23T07:00:00Z');
export const SINCE = '2026-11-20T07:00:00.000Z';
const nineToFive = [{ start: '09:00', end: '17:00' }];

export const settings = parseSettings({
  timeZone: 'Europe/Tirane',
  name: 'Drita Hoxha',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: { enabled: false },
  addresses: ['drita@studio.al'],
  clientMode: 'listed',
  clients: [
    { id: 'c-acme', name: 'Acme', domains: ['acme.com'] },
    { id: 'c-beta', name: 'Beta Studio', domains: ['beta.io'], vip: true },
  ],
});

export const emptyFollowUp = (): FollowUpReport => ({ generatedAt: NOW.toISOString(), awaitingClients: [], quietClients: [], reappearances: [], unansweredByUser: [], expectations: [], suggestionsPending: 0 });

const acme = { id: 'c-acme', name: 'Acme', address: 'ana@acme.com' };
const beta = { id: 'c-beta', name: 'Beta Studio', address: 'boss@beta.io' };

export const followUp = (): FollowUpReport => ({
  ...emptyFollowUp(),
  expectations: [{ id: 'e1', client: acme, kind: 'payment', title: 'Deposit for phase 2', status: 'overdue', dueAt: '2026-11-20T16:00:00Z', suggestedFollowUp: 'Hi Ana, a gentle reminder about the phase 2 deposit we agreed on 10 November.' }],
  awaitingClients: [{ client: beta, threadId: 't-contract', subject: 'Contract draft v2', lastSentAt: '2026-11-17T10:00:00Z', waitingWorkingHours: 30, thresholdWorkingHours: 24, suggestedFollowUp: 'Hi, just checking whether the contract draft v2 works for you.' }],
});

const reason = (code: string, message = code) => [{ code, message }];

export function scenarioInput(): DigestInput {
  return {
    userName: 'Drita Hoxha',
    settings,
    date: '2026-11-23',
    since: SINCE,
    inbound: [
      { at: '2026-11-20T19:30:00.000Z', sender: 'ana@acme.com', senderName: 'Ana', subject: 'Invoice question', action: 'auto-reply', category: 'after-hours', reasons: reason('after-hours'), reply: { state: 'sent', sentAt: '2026-11-20T19:35:00.000Z', error: null } },
      { at: '2026-11-21T10:00:00.000Z', sender: 'ana@acme.com', subject: 'Quick change to the homepage', action: 'auto-reply', category: 'weekend', reasons: reason('weekend'), reply: { state: 'cancelled', sentAt: null, error: 'user-answered' } },
      { at: '2026-11-21T21:15:00.000Z', sender: 'boss@beta.io', subject: 'URGENT: launch tonight?', action: 'notify-only', category: 'weekend', reasons: reason('vip'), reply: null },
      { at: '2026-11-22T09:00:00.000Z', sender: 'news@acme.com', subject: 'Acme newsletter', action: 'none', category: 'weekend', reasons: reason('list-header'), reply: null },
      { at: '2026-11-22T18:00:00.000Z', sender: 'ana@acme.com', subject: 'Re: Invoice question', action: 'none', category: 'weekend', reasons: reason('already-replied-to-sender'), reply: null },
    ],
    invitations: [
      { subject: 'Sprint review', organizer: 'boss@beta.io', start: '2026-11-28T17:00:00Z', end: '2026-11-28T18:00:00Z', category: 'weekend', action: 'decline-with-proposals', proposals: ['Monday 30 November, 10:00'], answer: 'declined', answeredAt: '2026-11-21T12:00:00Z' },
      { subject: 'Kick-off', organizer: 'ana@acme.com', start: '2026-11-24T09:00:00Z', end: '2026-11-24T10:00:00Z', category: 'within-hours', action: 'none', proposals: [], answer: null, answeredAt: null },
    ],
    sent: [
      { at: '2026-11-21T22:40:00.000Z', recipients: ['ana@acme.com'], subject: 'Re: Quick change to the homepage' },
      { at: '2026-11-20T09:00:00.000Z', recipients: ['ana@acme.com'], subject: 'Morning update' },
      { at: '2026-11-22T20:00:00.000Z', recipients: ['friend@gmail.com'], subject: 'Dinner?' },
    ],
    arrivals: [
      // Last week: Acme wrote only within hours.
      ...['2026-11-10T10:00:00Z', '2026-11-11T11:00:00Z', '2026-11-12T12:00:00Z', '2026-11-13T13:00:00Z'].map((at) => ({ at, sender: 'ana@acme.com' })),
      // This week: three of four outside hours.
      ...['2026-11-20T10:00:00Z', '2026-11-20T19:30:00Z', '2026-11-21T10:00:00Z', '2026-11-22T18:00:00Z'].map((at) => ({ at, sender: 'ana@acme.com' })),
      { at: '2026-11-21T21:15:00Z', sender: 'boss@beta.io' },
      { at: '2026-11-21T21:20:00Z', sender: 'friend@gmail.com' },
    ],
    accounts: [
      { address: 'drita@studio.al', provider: 'google', status: 'active', statusReason: null, sending: true, lastSyncedAt: '2026-11-23T06:55:00Z', watchExpiresAt: '2026-11-27T00:00:00Z', calendarWatchExpiresAt: null, failures: [] },
      { address: 'drita@outlook.com', provider: 'microsoft', status: 'needs-reconnect', statusReason: 'Access was revoked.', sending: false, lastSyncedAt: '2026-11-19T10:00:00Z', watchExpiresAt: null, calendarWatchExpiresAt: null, failures: [] },
    ],
    followUp: followUp(),
  };
}

/** Nothing happened since the last digest, one healthy account. */
export function emptyInput(date = '2026-11-24', now = NOW): DigestInput {
  const healthy = { ...scenarioInput().accounts[0]!, lastSyncedAt: new Date(now.getTime() - 300_000).toISOString(), watchExpiresAt: new Date(now.getTime() + 86_400_000).toISOString() };
  return {
    ...scenarioInput(),
    date,
    inbound: [],
    invitations: [],
    sent: [],
    arrivals: [{ at: '2026-11-17T10:00:00Z', sender: 'ana@acme.com' }],
    accounts: [healthy],
    followUp: emptyFollowUp(),
  };
}
