import { DateTime } from 'luxon';
import type { ConversationMessage } from '../domain/follow-up/conversation.js';
import type { InvitationFact } from '../domain/follow-up/expectations.js';
import { followUpReport, type FollowUpInput, type FollowUpResult } from '../domain/follow-up/report.js';
import type { FollowUpReport } from '../domain/follow-up/types.js';
import type { Db } from '../storage/db.js';
import { countPendingSuggestions, listExpectations } from '../storage/expectations.js';
import type { Settings } from '../domain/settings.js';
import { effectiveSettings } from '../storage/settings-store.js';

/**
 * How far back message metadata is read: comfortably longer (in calendar days, which stretch
 * working days by weekends, holidays and vacations) than the longest silence the settings can
 * flag, and never less than two months.
 */
export function lookbackDays(settings: Settings): number {
  const longest = Math.max(settings.silence.thresholdDays, settings.silence.quietClientDays, ...settings.clients.map((c) => c.silenceThresholdDays ?? 0));
  return Math.min(400, Math.max(60, Math.ceil(longest * 3) + 30));
}

async function messagesOf(db: Db, userId: string, now: Date, days: number): Promise<ConversationMessage[]> {
  const rows = await db
    .selectFrom('messages')
    .innerJoin('accounts', 'accounts.id', 'messages.account_id')
    .select(['messages.account_id', 'messages.thread_id', 'messages.direction', 'messages.from_address', 'messages.recipients', 'messages.client_id', 'messages.subject', 'messages.received_at', 'messages.automated'])
    .where('accounts.user_id', '=', userId)
    .where('messages.received_at', '>=', new Date(now.getTime() - days * 86_400_000))
    .where('messages.received_at', '<=', now)
    .orderBy('messages.received_at')
    .execute();
  return rows.map((r) => ({
    accountId: r.account_id,
    threadId: r.thread_id,
    direction: r.direction,
    from: r.from_address,
    recipients: r.recipients,
    clientId: r.client_id,
    subject: r.subject,
    at: r.received_at.toISOString(),
    automated: r.automated,
  }));
}

async function invitationsOf(db: Db, userId: string): Promise<InvitationFact[]> {
  const rows = await db
    .selectFrom('invitations')
    .innerJoin('accounts', 'accounts.id', 'invitations.account_id')
    .select(['invitations.data', 'invitations.decision'])
    .where('accounts.user_id', '=', userId)
    .where('invitations.decision', 'is not', null)
    .execute();
  const out: InvitationFact[] = [];
  for (const r of rows) {
    const data = r.data as { organizer?: { address?: string } | null; start?: string };
    const category = (r.decision as { category?: unknown } | null)?.category;
    if (typeof category !== 'string' || typeof data.start !== 'string') continue;
    out.push({ organizer: data.organizer?.address ?? null, start: data.start, category });
  }
  return out;
}

/** Everything the follow-up rules read for one user, and what they conclude at `now`. */
export async function evaluateFollowUps(db: Db, userId: string, now: Date): Promise<FollowUpResult & { input: FollowUpInput }> {
  const settings = await effectiveSettings(db, userId);
  const [messages, expectations, invitations, suggestionsPending] = await Promise.all([
    messagesOf(db, userId, now, lookbackDays(settings)),
    listExpectations(db, userId),
    invitationsOf(db, userId),
    countPendingSuggestions(db, userId),
  ]);
  const input: FollowUpInput = { settings, messages, expectations, invitations, suggestionsPending, now: DateTime.fromJSDate(now, { zone: 'utc' }) };
  return { ...followUpReport(input), input };
}

/** The silence and expectations report for one user at `now`. Read-only: the digest calls it too. */
export async function buildFollowUpReport(db: Db, userId: string, now: Date): Promise<FollowUpReport> {
  return (await evaluateFollowUps(db, userId, now)).report;
}
