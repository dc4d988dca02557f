import { DateTime } from 'luxon';
import type { Settings } from '../settings.js';
import { groupByThread, type ClientMessage } from './conversation.js';
import type { ExpectationKind, ExpectationStatus } from './types.js';
import { workingDaysBetween } from './working-days.js';

export const EXPECTATION_KINDS: readonly ExpectationKind[] = ['response-time', 'deliverable', 'payment', 'meetings-in-hours', 'revision-limit', 'free-text'];
/** Kinds whose status Boundary measures itself; the user cannot set it by hand. */
export const MEASURED_KINDS: ReadonlySet<ExpectationKind> = new Set(['response-time', 'meetings-in-hours', 'revision-limit']);
/** Kinds that need a due date. */
export const DATED_KINDS: ReadonlySet<ExpectationKind> = new Set(['deliverable', 'payment', 'free-text']);

export interface ExpectationParams {
  /** response-time: the client replies within this many working days. */
  workingDays?: number;
  /** revision-limit: rounds included, and rounds used so far. */
  limit?: number;
  used?: number;
}

export interface HistoryEntry {
  at: string;
  from: ExpectationStatus | null;
  to: ExpectationStatus;
  reason: string;
}

export interface Expectation {
  id: string;
  clientId: string;
  kind: ExpectationKind;
  title: string;
  /** Who owes it: the client (feedback, payment) or the user (a deliverable they promised). */
  party: 'client' | 'user';
  params: ExpectationParams;
  dueAt: string | null;
  status: ExpectationStatus;
  history: HistoryEntry[];
  createdAt: string;
}

/** An invitation from the client, with the category the invitation rules gave it. */
export interface InvitationFact {
  organizer: string | null;
  start: string;
  category: string;
}

export interface Evaluation {
  status: ExpectationStatus;
  reason: string;
}

/**
 * The status an expectation should have at `now`. Dated kinds: open → due (on the due date, in
 * the user's zone) → overdue (after it); met and broken are the user's word and stay. Measured
 * kinds follow the latest evidence since the expectation was recorded.
 */
export function evaluateExpectation(e: Expectation, facts: { messages: ClientMessage[]; invitations: InvitationFact[] }, settings: Settings, now: DateTime): Evaluation {
  switch (e.kind) {
    case 'response-time':
      return responseTime(e, facts.messages, settings, now);
    case 'meetings-in-hours':
      return meetingsInHours(e, facts.invitations);
    case 'revision-limit': {
      const limit = e.params.limit ?? 0;
      const used = e.params.used ?? 0;
      if (used > limit) return { status: 'broken', reason: `${used} revision rounds used of ${limit} agreed` };
      if (used === limit) return { status: 'due', reason: `all ${limit} agreed revision rounds are used` };
      return { status: 'open', reason: `${used} of ${limit} revision rounds used` };
    }
    default:
      return dated(e, settings, now);
  }
}

function dated(e: Expectation, settings: Settings, now: DateTime): Evaluation {
  if (e.status === 'met' || e.status === 'broken') return { status: e.status, reason: 'set by you' };
  if (!e.dueAt) return { status: 'open', reason: 'no due date' };
  const due = DateTime.fromISO(e.dueAt, { zone: settings.timeZone });
  if (now > due) return { status: 'overdue', reason: `the due date ${due.toISODate()} has passed` };
  if (now.setZone(settings.timeZone).hasSame(due, 'day')) return { status: 'due', reason: `due today (${due.toISODate()})` };
  return { status: 'open', reason: `due ${due.toISODate()}` };
}

/**
 * Response time from threads: each run of the user's messages starts a wait that the client's
 * next human answer ends. A current wait past the limit is overdue; otherwise the latest answer
 * decides between met and broken.
 */
function responseTime(e: Expectation, messages: ClientMessage[], settings: Settings, now: DateTime): Evaluation {
  const limit = e.params.workingDays ?? settings.silence.thresholdDays;
  const since = Date.parse(e.createdAt);
  let latest: { at: number; days: number } | null = null;
  let longestOpen = 0;
  for (const thread of groupByThread(messages.filter((m) => !(m.atMs < since)))) {
    let waitingSince: string | null = null;
    for (const m of thread) {
      if (m.direction === 'out') waitingSince ??= m.at;
      else if (waitingSince) {
        const days = workingDaysBetween(settings, waitingSince, m.at);
        if (!latest || m.atMs > latest.at) latest = { at: m.atMs, days };
        waitingSince = null;
      }
    }
    if (waitingSince) longestOpen = Math.max(longestOpen, workingDaysBetween(settings, waitingSince, now));
  }
  if (longestOpen > limit) return { status: 'overdue', reason: `a message has waited ${longestOpen.toFixed(1)} working days for an answer (agreed: ${limit})` };
  if (!latest) return { status: 'open', reason: 'no answered message to measure yet' };
  if (latest.days > limit) return { status: 'broken', reason: `the latest answer took ${latest.days.toFixed(1)} working days (agreed: ${limit})` };
  return { status: 'met', reason: `the latest answer took ${latest.days.toFixed(1)} working days (agreed: ${limit})` };
}

function meetingsInHours(e: Expectation, invitations: InvitationFact[]): Evaluation {
  const since = Date.parse(e.createdAt);
  const relevant = invitations.filter((i) => Date.parse(i.start) >= since).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const latest = relevant[relevant.length - 1];
  if (!latest) return { status: 'open', reason: 'no invitation from this client yet' };
  if (latest.category === 'within-hours') return { status: 'met', reason: `the latest invitation (${latest.start}) is within working hours` };
  return { status: 'broken', reason: `the latest invitation (${latest.start}) is ${latest.category.replace('-', ' ')}` };
}

/** Applies an evaluation, appending to the history only when the status actually changes. */
export function withStatus(e: Expectation, next: Evaluation, at: string): Expectation {
  if (next.status === e.status) return e;
  return { ...e, status: next.status, history: [...e.history, { at, from: e.status, to: next.status, reason: next.reason }] };
}
