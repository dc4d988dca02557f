import { DateTime } from 'luxon';
import type { ConversationMessage } from '../domain/follow-up/conversation.js';
import type { InvitationFact } from '../domain/follow-up/expectations.js';
import { followUpReport, type FollowUpInput, type FollowUpResult } from '../domain/follow-up/report.js';
import type { FollowUpReport } from '../domain/follow-up/types.js';
import type { Db } from '../storage/db.js';
import { countPendingSuggestions, listExpectations } from '../storage/expectations.js';
import { effectiveSettings } from '../storage/settings-store.js';

/** How far back message metadata is read: longer than any silence threshold the settings allow. */
const LOOKBACK_DAYS = 400;

async function messagesOf(db: Db, userId: string, now: Date): Promise<ConversationMessage[]> {
  const rows = await db
    .selectFrom('messages')
    .innerJoin('accounts', 'accounts.id', 'messages.account_id')
    .select(['messages.account_id', 'messages.thread_id', 'messages.direction', 'messages.from_address', 'messages.recipients', 'messages.client_id', 'messages.subject', 'messages.received_at', 'messages.automated'])
    .where('accounts.user_id', '=', userId)
    .where('messages.received_at', '>=', new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000))
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
  const [settings, messages, expectations, invitations, suggestionsPending] = await Promise.all([
    effectiveSettings(db, userId),
    messagesOf(db, userId, now),
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
