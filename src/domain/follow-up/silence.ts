import type { DateTime } from 'luxon';
import type { Settings } from '../settings.js';
import { groupBy, groupByThread, type ClientMessage } from './conversation.js';
import { urgentWords } from './urgent-words.js';
import { round1, typicalDayHours, workingHoursBetween } from './working-days.js';

/** A thread where the last human word was the user's (`waiting`) or the client's (`unanswered`). */
export interface OpenThread {
  last: ClientMessage;
  waitingWorkingHours: number;
  /** The user opened the conversation (a proposal, a question, a deliverable sent for review). */
  startedByUser: boolean;
}

/** The last human message of each client thread, with the working time since. */
export function openThreads(messages: ClientMessage[], settings: Settings, now: DateTime): OpenThread[] {
  const out: OpenThread[] = [];
  const nowMs = now.toMillis();
  for (const thread of groupByThread(messages)) {
    const last = thread[thread.length - 1]!;
    out.push({ last, waitingWorkingHours: workingHoursBetween(settings, last.atMs, nowMs), startedByUser: thread[0]!.direction === 'out' });
  }
  return out;
}

/** Working hours a thread may wait for this client before it is flagged. */
export function thresholdHours(m: ClientMessage, settings: Settings): number {
  return (m.client.silenceThresholdDays ?? settings.silence.thresholdDays) * typicalDayHours(settings);
}

/**
 * Threads waiting on the client. Only conversations the user started count: when the user's
 * reply closes a request the client made, the ball is not in the client's court, and flagging
 * every such thread would bury the real waits.
 */
export function awaitingThreads(open: OpenThread[], settings: Settings, messages: ClientMessage[] = []): OpenThread[] {
  // A client who has written since (in another thread) is not silent: a nudge would cross their mail.
  const lastHeard = new Map<string, number>();
  for (const m of messages) if (m.direction === 'in') lastHeard.set(m.key, Math.max(m.atMs, lastHeard.get(m.key) ?? -Infinity));
  return open.filter((t) => t.last.direction === 'out' && t.startedByUser && t.waitingWorkingHours >= thresholdHours(t.last, settings) && !((lastHeard.get(t.last.key) ?? -Infinity) > t.last.atMs));
}

/**
 * Client mail the user owes an answer to, past the promised working hours. A message is answered
 * when the user wrote to that client (or, for an unlisted sender, that address) afterwards in any
 * thread: a client who sends two requests in a row gets one answer, and neither is still waiting.
 */
export function unansweredThreads(open: OpenThread[], messages: ClientMessage[], settings: Settings): OpenThread[] {
  const lastWrittenTo = new Map<string, number>();
  for (const m of messages) if (m.direction === 'out') lastWrittenTo.set(m.key, Math.max(m.atMs, lastWrittenTo.get(m.key) ?? -Infinity));
  return open.filter((t) => t.last.direction === 'in' && t.waitingWorkingHours >= settings.promisedResponseHours && !((lastWrittenTo.get(t.last.key) ?? -Infinity) > t.last.atMs));
}

export interface QuietCandidate {
  key: string;
  first: ClientMessage;
  lastHeardAt: string | null;
  /** Since when nothing came from the client: the last message from them, else the first to them. */
  since: string;
  quietWorkingDays: number;
}

/** Per client: how long since they last wrote (their auto-replies don't count). */
export function clientSilence(messages: ClientMessage[], settings: Settings, now: DateTime): Map<string, QuietCandidate> {
  const out = new Map<string, QuietCandidate>();
  const dayHours = typicalDayHours(settings);
  for (const [key, list] of groupBy(messages, (m) => m.key)) {
    const heard = list.filter((m) => m.direction === 'in');
    const lastHeard = heard[heard.length - 1];
    const since = lastHeard?.at ?? list[0]!.at;
    out.set(key, { key, first: lastHeard ?? list[0]!, lastHeardAt: lastHeard?.at ?? null, since, quietWorkingDays: round1(workingHoursBetween(settings, since, now) / dayHours) });
  }
  return out;
}

export interface ReappearanceCandidate {
  message: ClientMessage;
  silentWorkingDays: number;
  urgentWords: string[];
}

/** How far back a return is still news. */
const REAPPEARANCE_WINDOW_MS = 14 * 86_400_000;

/**
 * A client writing after the conversation with them was silent for at least their own
 * `silenceThresholdDays` (else `quietClientDays`) working days. It stays flagged until the user writes to that client again (or two weeks pass).
 */
export function reappearances(messages: ClientMessage[], settings: Settings, now: DateTime): ReappearanceCandidate[] {
  const out: ReappearanceCandidate[] = [];
  const dayHours = typicalDayHours(settings);
  const nowMs = now.toMillis();
  for (const list of groupBy(messages, (m) => m.key).values()) {
    let found: ReappearanceCandidate | null = null;
    for (let i = 1; i < list.length; i++) {
      const m = list[i]!;
      if (m.direction === 'out') {
        found = null; // the user has answered since: nothing to flag
        continue;
      }
      if (nowMs - m.atMs > REAPPEARANCE_WINDOW_MS) continue;
      const silent = workingHoursBetween(settings, list[i - 1]!.atMs, m.atMs) / dayHours;
      // The client's own threshold first, as for every other silence of theirs.
      if (silent >= (m.client.silenceThresholdDays ?? settings.silence.quietClientDays)) found = { message: m, silentWorkingDays: round1(silent), urgentWords: urgentWords(`${m.subject}\n${m.snippet ?? ''}`) };
    }
    if (found) out.push(found);
  }
  return out;
}
