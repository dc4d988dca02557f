import type { DateTime } from 'luxon';
import { clientMessages, within, type ClientMessage } from '../follow-up/conversation.js';
import { chaserMessages } from '../pressure/chasers.js';
import { chasingByClient, type ChasingRow } from '../pressure/chasing.js';
import { clientProfiles, PROFILE_WEEKS, type ClientProfile } from '../pressure/profile.js';
import { REPEAT_WINDOW_MS } from '../signals/repeat.js';
import type { Settings } from '../settings.js';
import type { DigestInput } from './types.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const WEEK_MS = 7 * 86_400_000;

/**
 * How much of the conversation the patterns read: twelve weeks on the weekly day (the
 * problem-client profiles), else the two weeks of chasing counts plus the window in which an
 * earlier unanswered message makes the next one a chaser. Four digests in five need a fifth of it.
 */
export function patternSpanMs(settings: Settings, date: string): number {
  return isWeeklyDay(settings, date) ? PROFILE_WEEKS * WEEK_MS : 2 * WEEK_MS + REPEAT_WINDOW_MS;
}

/** Who chased the user this week, and (once a week) who is a problem client; `messages` is the resolved ledger, for reuse. */
export function clientPatterns(input: DigestInput, now: DateTime): { chasing: ChasingRow[]; problemClients: ClientProfile[] | null; messages: ClientMessage[] } {
  const { settings } = input;
  const recent = within(input.conversation ?? [], new Date(now.toMillis() - patternSpanMs(settings, input.date)));
  // Ended clients are gone: their mail is logged, not weighed.
  const messages = clientMessages(recent, settings).filter((m) => m.client.status !== 'ended');
  const chasers = chaserMessages(messages);
  const chasing = chasingByClient(chasers, settings, now);
  if (!isWeeklyDay(settings, input.date)) return { chasing, problemClients: null, messages };
  const problemClients = clientProfiles(messages, chasers, input.expectations ?? [], settings, now).filter((p) => p.verdict.kind !== 'fine');
  return { chasing, problemClients, messages };
}

/** The weekly lines come on the first working weekday of the user's week (Monday without one). */
export function isWeeklyDay(settings: Settings, date: string): boolean {
  const first = DAYS.find((d) => settings.week[d].length > 0) ?? 'mon';
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return DAYS[weekday] === first;
}
