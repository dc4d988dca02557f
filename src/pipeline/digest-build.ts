import { createHash } from 'node:crypto';
import { buildDigestModel, digestSubject, renderDigestHtml, renderDigestText, type DigestInput, type DigestModel } from '../domain/digest/index.js';
import type { FollowUpReport } from '../domain/follow-up/types.js';
import type { Settings } from '../domain/settings.js';
import type { Db } from '../storage/db.js';
import { signalledMessages } from '../storage/signals.js';
import { accountsWithFailures, getDigest, inboundDecisions, invitationsSince, previousDigest, saveDigest, sentByUser, type DigestRow } from '../storage/digests.js';
import type { InvitationDecision } from '../domain/invitation.js';
import type { InvitationMeta } from '../domain/message.js';
import { patternSpanMs } from '../domain/digest/patterns.js';
import { conversationBetween } from '../storage/conversations.js';
import { listExpectations } from '../storage/expectations.js';
import { listWaiting } from '../storage/held-messages.js';
import { effectiveSettings } from '../storage/settings-store.js';
import { findUser } from '../storage/users.js';
import { contractsDigest } from './digest-contracts.js';
import { moneyDigest } from './digest-money.js';
import { buildFollowUpReport, lookbackDays, startFollowUpReads, type AlreadyRead } from './follow-up-report.js';

const DAY_MS = 86_400_000;
/** A first digest looks back one day; after a long pause, at most two weeks (not a wall of history). */
const FIRST_LOOKBACK_MS = DAY_MS;
const MAX_LOOKBACK_MS = 14 * DAY_MS;
const ARRIVALS_MS = 28 * DAY_MS;

export interface ComposedDigest {
  userId: string;
  date: string;
  since: Date;
  model: DigestModel;
  text: string;
  html: string;
  subject: string;
  messageId: string;
}

/** Deterministic, so a resend after a crash carries the same Message-ID and can be found in Sent. */
export function digestMessageId(userId: string, date: string): string {
  const hash = createHash('sha256').update(`${userId}\n${date}`).digest('hex').slice(0, 24);
  return `<digest.${date}.${hash}@boundary.invalid>`;
}

/** Reads everything the digest for (user, date) needs and renders it. Writes nothing. */
export type FollowUpSource = (db: Db, userId: string, now: Date, settings: Settings, read?: AlreadyRead) => Promise<FollowUpReport>;

export async function composeDigest(db: Db, userId: string, date: string, now: Date, followUps: FollowUpSource = buildFollowUpReport): Promise<ComposedDigest> {
  // The follow-up report gets the same settings object, so both share its cached calendar.
  const [previous, settings] = await Promise.all([previousDigest(db, userId, date), effectiveSettings(db, userId)]);
  const floor = now.getTime() - MAX_LOOKBACK_MS;
  const since = new Date(previous ? Math.max(previous.created_at.getTime(), floor) : now.getTime() - FIRST_LOOKBACK_MS);
  // The patterns, the follow-up report and the arrival heatmap read the same mail over different
  // spans: it is read once, over the longest, and each takes its part. The follow-up report runs
  // as soon as that read is in, alongside the digest's other reads.
  const arrivalsFrom = new Date(now.getTime() - ARRIVALS_MS).toISOString();
  const readFrom = new Date(now.getTime() - Math.max(patternSpanMs(settings, date), lookbackDays(settings) * DAY_MS, ARRIVALS_MS));
  const conversationRead = conversationBetween(db, userId, readFrom, now);
  const expectationsRead = listExpectations(db, userId);
  const reads = startFollowUpReads(db, userId);
  const followUpRead = Promise.all([conversationRead, expectationsRead, reads.invitations, reads.suggestionsPending])
    .then(([conversation, expectations, invitations, suggestionsPending]) => followUps(db, userId, now, settings, { conversation, expectations, invitations, suggestionsPending }));
  const [user, inbound, invitations, sent, accounts, everything, expectations, followUp, held, signalled, money, contracts] = await Promise.all([
    findUser(db, userId),
    inboundDecisions(db, userId, since, now),
    invitationsSince(db, userId, since),
    sentByUser(db, userId, since, now),
    accountsWithFailures(db, userId, since),
    conversationRead,
    expectationsRead,
    followUpRead,
    listWaiting(db, userId),
    signalledMessages(db, userId, since, now),
    moneyDigest(db, userId, since, now, settings),
    contractsDigest(db, userId, now, settings),
  ]);
  const abusive = signalled.filter((m) => m.signals.some((x) => x.code === 'abusive'));
  if (!user) throw new Error(`no user ${userId} to build a digest for`);
  const input: DigestInput = {
    userName: user.name || settings.name,
    settings,
    date,
    since: since.toISOString(),
    abusive: abusive.flatMap((m) => {
      const signal = m.signals.find((x) => x.code === 'abusive');
      return signal && m.from ? [{ at: m.receivedAt.toISOString(), sender: m.from, subject: m.subject, evidence: signal.evidence }] : [];
    }),
    inbound: inbound.map((r) => ({
      at: r.received_at.toISOString(),
      sender: r.sender,
      ...(r.sender_name ? { senderName: r.sender_name } : {}),
      subject: r.subject ?? '',
      action: r.action,
      category: r.category,
      reasons: r.reasons,
      reply: r.state ? { state: r.state, sentAt: r.sent_at?.toISOString() ?? null, error: r.error } : null,
      ...(r.cancelled_because ? { cancelledBecause: r.cancelled_because } : {}),
    })),
    invitations: invitations.map((i) => invitationRow(i.data, i.decision, i.answer, i.answered_at)),
    sent: sent.map((s) => ({ at: s.received_at.toISOString(), recipients: s.recipients, subject: s.subject })),
    // Human mail that came in over the last four weeks (the conversation leaves automated mail out).
    arrivals: everything.flatMap((m) => (m.direction === 'in' && m.from && m.at > arrivalsFrom ? [{ at: m.at, sender: m.from }] : [])),
    accounts: accounts.map((a) => ({
      address: a.address,
      provider: a.provider,
      status: a.status,
      statusReason: a.status_reason,
      sending: a.sending,
      lastSyncedAt: a.last_synced_at?.toISOString() ?? null,
      watchExpiresAt: a.watch_expires_at,
      calendarWatchExpiresAt: a.calendar_watch_expires_at,
      failures: a.failures,
    })),
    followUp,
    conversation: everything,
    expectations,
    held: held.map((h) => ({ recipient: h.recipient, subject: h.subject, sendAt: h.send_at.toISOString() })),
    money,
    contracts,
  };
  const model = buildDigestModel(input, now);
  return { userId, date, since, model, text: renderDigestText(model), html: renderDigestHtml(model), subject: digestSubject(model), messageId: digestMessageId(userId, date) };
}

function invitationRow(data: InvitationMeta, decision: InvitationDecision | null, answer: string | null, answeredAt: Date | null) {
  return {
    subject: data.subject,
    organizer: data.organizer?.name || data.organizer?.address || null,
    start: data.start,
    end: data.end,
    category: decision?.category ?? 'within-hours',
    action: decision?.action ?? 'none',
    proposals: (decision?.proposals ?? []).map((p) => p.userText).filter(Boolean),
    answer,
    answeredAt: answeredAt?.toISOString() ?? null,
  };
}

/**
 * The digest for (user, date), built at most once: an existing row is returned as is, and of two
 * concurrent builds the unique (user_id, date) row decides which one is kept.
 */
export async function buildDigest(db: Db, userId: string, date: string, now: Date): Promise<{ row: DigestRow; created: boolean }> {
  const existing = await getDigest(db, userId, date);
  if (existing) return { row: existing, created: false };
  const d = await composeDigest(db, userId, date, now);
  return saveDigest(db, { userId, date, since: d.since, model: d.model, text: d.text, html: d.html, subject: d.subject, messageId: d.messageId, at: now });
}
