import type { DateTime } from 'luxon';
import type { ClientMessage } from '../follow-up/conversation.js';
import { groupBy } from '../follow-up/conversation.js';
import type { Expectation } from '../follow-up/expectations.js';
import { urgentWords } from '../follow-up/urgent-words.js';
import { round1, typicalDayHours, workingHoursBetween } from '../follow-up/working-days.js';
import { isWorkingMs } from '../hours/index.js';
import { DAY_MS } from '../hours/zone-clock.js';
import type { ClientStatus, Settings } from '../settings.js';
import { localDate } from './chasing.js';
import { ownSharesByClient, type OwnShare } from './own-share.js';
import { verdictOf, type Verdict } from './verdict.js';

const WEEK_MS = 7 * DAY_MS;
export const PROFILE_WEEKS = 12;
/**
 * An urgent message "turned out urgent" when the user answered it within this many working hours:
 * the user's own reply is the verdict on whether it was worth dropping other work for.
 */
export const URGENT_ANSWER_HOURS = 2;

export interface WeekCount {
  /** Start of the seven-day window (ISO instant); windows end at `now`. */
  from: string;
  messages: number;
  outside: number;
  chasers: number;
}

/** What tells a problem client from a client with a problem, over the last twelve weeks. */
export interface ClientProfile {
  client: string;
  clientId: string | null;
  status: ClientStatus;
  messages: number;
  outside: number;
  afterHoursShare: number | null;
  /** The user's own mail to them and how much of it went outside the user's hours; null when the user sent none. */
  yours: OwnShare | null;
  chasers: number;
  /** Local days with at least `settings.chasing.dailyLimit` chasers. */
  chaserDaysOverLimit: number;
  urgent: number;
  turnedOutUrgent: number;
  /** Came back after their silence threshold with an urgent message. */
  urgentReturns: number;
  /** The client's payment agreements past due; invoices join here when they are tracked. */
  latePayments: number;
  /** Scope changes from stored signals; null while no message in the window has stored signals. */
  scopeChanges: number | null;
  /** Agreements overdue or broken, by who owed them. */
  brokenByClient: number;
  brokenByUser: number;
  /** Oldest first, PROFILE_WEEKS entries. */
  trend: WeekCount[];
  verdict: Verdict;
}

const LATE: ReadonlySet<string> = new Set(['overdue', 'broken']);

export function clientProfiles(messages: ClientMessage[], chasers: ClientMessage[], expectations: Expectation[], settings: Settings, now: DateTime): ClientProfile[] {
  const nowMs = now.toMillis();
  const from = nowMs - PROFILE_WEEKS * WEEK_MS;
  const chaserSet = new Set(chasers);
  const out: ClientProfile[] = [];
  for (const list of groupBy(messages.filter((m) => m.atMs > from && m.atMs <= nowMs), (m) => m.key).values()) {
    const client = list[0]!.client;
    const trend: WeekCount[] = Array.from({ length: PROFILE_WEEKS }, (_, i) => ({ from: new Date(nowMs - (PROFILE_WEEKS - i) * WEEK_MS).toISOString(), messages: 0, outside: 0, chasers: 0 }));
    const p = { messages: 0, outside: 0, chasers: 0, urgent: 0, turnedOutUrgent: 0, urgentReturns: 0, scope: 0, signalsStored: false };
    const chaserDays = new Map<string, number>();
    list.forEach((m, i) => {
      if (m.direction !== 'in') return;
      const week = trend[Math.min(PROFILE_WEEKS - 1, Math.floor((m.atMs - from) / WEEK_MS))]!;
      const outside = !isWorkingMs(settings, m.atMs);
      p.messages += 1;
      week.messages += 1;
      if (outside) (p.outside += 1), (week.outside += 1);
      if (chaserSet.has(m)) {
        p.chasers += 1;
        week.chasers += 1;
        const day = localDate(settings, m.atMs);
        chaserDays.set(day, (chaserDays.get(day) ?? 0) + 1);
      }
      if (m.signals) p.signalsStored = true;
      if (m.signals?.includes('scope-change')) p.scope += 1;
      if (!isUrgent(m)) return;
      p.urgent += 1;
      const answer = list.slice(i + 1).find((n) => n.direction === 'out');
      if (answer && workingHoursBetween(settings, m.atMs, answer.atMs) <= URGENT_ANSWER_HOURS) p.turnedOutUrgent += 1;
      const before = list[i - 1];
      const threshold = client.silenceThresholdDays ?? settings.silence.quietClientDays;
      if (before && round1(workingHoursBetween(settings, before.atMs, m.atMs) / typicalDayHours(settings)) >= threshold) p.urgentReturns += 1;
    });
    const agreements = expectations.filter((e) => client.id && e.clientId === client.id && LATE.has(e.status));
    const profile = {
      client: client.name,
      clientId: client.id ?? null,
      status: client.status ?? 'active',
      messages: p.messages,
      outside: p.outside,
      afterHoursShare: p.messages > 0 ? p.outside / p.messages : null,
      yours: ownSharesByClient(list, settings, from, nowMs).get(client.name) ?? null,
      chasers: p.chasers,
      chaserDaysOverLimit: [...chaserDays.values()].filter((n) => n >= settings.chasing.dailyLimit).length,
      urgent: p.urgent,
      turnedOutUrgent: p.turnedOutUrgent,
      urgentReturns: p.urgentReturns,
      latePayments: agreements.filter((e) => e.party === 'client' && e.kind === 'payment').length,
      scopeChanges: p.signalsStored ? p.scope : null,
      brokenByClient: agreements.filter((e) => e.party === 'client').length,
      brokenByUser: agreements.filter((e) => e.party === 'user').length,
      trend,
    };
    out.push({ ...profile, verdict: verdictOf(profile) });
  }
  return out.sort((a, b) => b.verdict.pattern - a.verdict.pattern || b.verdict.problem - a.verdict.problem || a.client.localeCompare(b.client));
}

/** The stored `urgent` signal, or urgent words in what the ledger keeps (subject, snippet). */
export const isUrgent = (m: ClientMessage) => Boolean(m.signals?.includes('urgent')) || urgentWords(`${m.subject}\n${m.snippet ?? ''}`).length > 0;
