import type { DateTime } from 'luxon';
import { clientMessages, type ClientMessage } from '../follow-up/conversation.js';
import { chaserMessages } from '../pressure/chasers.js';
import { chasingByClient, type ChasingRow } from '../pressure/chasing.js';
import { clientProfiles, type ClientProfile } from '../pressure/profile.js';
import type { Settings } from '../settings.js';
import type { DigestInput } from './types.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Who chased the user this week, and (once a week) who is a problem client; `messages` is the resolved ledger, for reuse. */
export function clientPatterns(input: DigestInput, now: DateTime): { chasing: ChasingRow[]; problemClients: ClientProfile[] | null; messages: ClientMessage[] } {
  const { settings } = input;
  // Ended clients are gone: their mail is logged, not weighed.
  const messages = clientMessages(input.conversation ?? [], settings).filter((m) => m.client.status !== 'ended');
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
