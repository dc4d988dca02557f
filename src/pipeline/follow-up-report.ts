import { DateTime } from 'luxon';
import { followUpReport, type FollowUpInput, type FollowUpResult } from '../domain/follow-up/report.js';
import type { FollowUpReport } from '../domain/follow-up/types.js';
import { within, type ConversationMessage } from '../domain/follow-up/conversation.js';
import type { Expectation, InvitationFact } from '../domain/follow-up/expectations.js';
import { conversationBetween, invitationFacts } from '../storage/conversations.js';
import type { Db } from '../storage/db.js';
import { countPendingSuggestions, listExpectations } from '../storage/expectations.js';
import type { Settings } from '../domain/settings.js';

/**
 * How far back message metadata is read: comfortably longer (in calendar days, which stretch
 * working days by weekends, holidays and vacations) than the longest silence the settings can
 * flag, and never less than two months.
 */
export function lookbackDays(settings: Settings): number {
  const longest = Math.max(settings.silence.thresholdDays, settings.silence.quietClientDays, ...settings.clients.map((c) => c.silenceThresholdDays ?? 0));
  return Math.min(400, Math.max(60, Math.ceil(longest * 3) + 30));
}

/**
 * Everything the follow-up rules read for one user, and what they conclude at `now`, under the
 * effective settings the unit of work loaded once (the calendar, client index and working-time
 * ledger are cached per settings object).
 */
export async function evaluateFollowUps(db: Db, userId: string, now: Date, settings: Settings, read?: AlreadyRead): Promise<FollowUpResult & { input: FollowUpInput }> {
  const from = new Date(now.getTime() - lookbackDays(settings) * 86_400_000);
  const [messages, expectations, invitations, suggestionsPending] = await Promise.all([
    read?.conversation ? within(read.conversation, from) : conversationBetween(db, userId, from, now),
    read?.expectations ?? listExpectations(db, userId),
    read?.invitations ?? invitationFacts(db, userId),
    read?.suggestionsPending ?? countPendingSuggestions(db, userId),
  ]);
  const input: FollowUpInput = { settings, messages, expectations, invitations, suggestionsPending, now: DateTime.fromJSDate(now, { zone: 'utc' }) };
  return { ...followUpReport(input), input };
}

/**
 * What a caller read already for the same user and `now` (the digest reads a longer conversation
 * for its pressure profile, and the agreements), so the report does not read them again.
 * `conversation` must reach back at least lookbackDays and up to `now`, oldest first.
 */
export interface AlreadyRead {
  conversation?: ConversationMessage[];
  expectations?: Expectation[];
  invitations?: InvitationFact[];
  suggestionsPending?: number;
}

/** The report's reads that do not depend on the conversation, started at once by a caller that reads the conversation itself. */
export function startFollowUpReads(db: Db, userId: string): { invitations: Promise<InvitationFact[]>; suggestionsPending: Promise<number> } {
  return { invitations: invitationFacts(db, userId), suggestionsPending: countPendingSuggestions(db, userId) };
}

/** The silence and expectations report for one user at `now`. Read-only: the digest calls it too. */
export async function buildFollowUpReport(db: Db, userId: string, now: Date, settings: Settings, read?: AlreadyRead): Promise<FollowUpReport> {
  return (await evaluateFollowUps(db, userId, now, settings, read)).report;
}
