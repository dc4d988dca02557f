import { DateTime } from 'luxon';
import type { ExpectationChange } from '../domain/follow-up/expectation-input.js';
import { evaluateExpectation, MEASURED_KINDS, withStatus, type Expectation } from '../domain/follow-up/expectations.js';
import { suggestExpectations } from '../domain/follow-up/suggest.js';
import { matchClient } from '../domain/clients.js';
import { detectLanguage } from '../domain/language.js';
import type { Settings } from '../domain/settings.js';
import type { MessageMeta } from '../domain/message.js';
import { logActivity } from '../storage/activity.js';
import type { ExpectationKind } from '../domain/follow-up/types.js';
import { inTransaction, type Db } from '../storage/db.js';
import { closeSuggestion, insertExpectation, insertSuggestions, saveExpectation, type SuggestionRow } from '../storage/expectations.js';
import { effectiveSettings } from '../storage/settings-store.js';

/**
 * Applies a user's edit. A status the user sets (met, broken, or open again) is recorded in the
 * history with their reason; a new due date is re-evaluated at once so "due"/"overdue" stay true.
 */
export async function changeExpectation(db: Db, userId: string, e: Expectation, change: ExpectationChange, now: Date): Promise<Expectation | null> {
  let next: Expectation = { ...e, ...(change.title !== undefined ? { title: change.title } : {}), ...(change.dueAt !== undefined ? { dueAt: change.dueAt } : {}), ...(change.params !== undefined ? { params: { ...e.params, ...change.params } } : {}) };
  const at = now.toISOString();
  if (change.status === 'met' || change.status === 'broken') next = withStatus(next, { status: change.status, reason: change.reason ?? 'set by you' }, at);
  else if (next.kind === 'revision-limit' || !MEASURED_KINDS.has(next.kind)) {
    // Dated kinds and the revision count need no mail to evaluate, so "due"/"overdue" stay true at once.
    // Response time and meetings are measured by the next scan.
    const settings = await effectiveSettings(db, userId);
    const base = change.status === 'open' ? { ...next, status: 'open' as const } : next;
    const evaluation = evaluateExpectation(base, { messages: [], invitations: [] }, settings, DateTime.fromJSDate(now, { zone: 'utc' }));
    next = withStatus(next, change.status === 'open' ? { status: evaluation.status, reason: change.reason ?? `reopened by you; ${evaluation.reason}` } : evaluation, at);
  }
  if (!(await saveExpectation(db, userId, next, e.status, now))) return null;
  if (next.status !== e.status) {
    await logActivity(db, { userId, clientId: e.clientId, kind: `expectation.${next.status}`, summary: `"${next.title}" is now ${next.status}: ${next.history[next.history.length - 1]?.reason ?? ''}.`, ref: e.id, at: now });
  }
  return next;
}

/**
 * Proposes expectations from a message's text (a snippet the caller read; it is not stored). The
 * sync pipeline calls this when `MessageMeta.snippet` is present. Returns how many are new.
 */
export async function recordSuggestions(
  db: Db,
  account: { id: string; user_id: string },
  meta: MessageMeta,
  direction: 'in' | 'out',
  now: Date,
  /** The user's effective settings, loaded once by the caller's unit of work. */
  settings: Settings,
): Promise<number> {
  const text = meta.snippet?.trim();
  if (!text) return 0;
  const counterpart = direction === 'in' ? meta.from?.address : meta.to[0]?.address;
  const client = counterpart ? matchClient(counterpart, settings) : null;
  if (!client) return 0; // commitments with colleagues or newsletters are not client agreements
  const language = client.language ?? detectLanguage(`${meta.subject}\n${text}`);
  const found = suggestExpectations(text, { sentAt: meta.receivedAt, zone: settings.timeZone, language, direction });
  const added = await insertSuggestions(
    db,
    found.map((s) => ({ userId: account.user_id, accountId: account.id, providerMessageId: meta.providerMessageId, threadId: meta.threadId, clientId: client.id ?? null, kind: s.kind, title: s.title, party: s.party, dateText: s.dateText, dueAt: s.dueAt })),
    now,
  );
  if (added > 0) {
    await logActivity(db, { userId: account.user_id, accountId: account.id, clientId: client.id ?? null, kind: 'expectation.suggested', summary: `Found ${added} possible agreement(s) in "${meta.subject}"; accept or dismiss them under suggestions.`, ref: meta.messageId ?? meta.providerMessageId, at: now });
  }
  return added;
}

class AlreadyHandled extends Error {}

/**
 * Turns a pending suggestion into an agreement with the user's corrections, in one transaction
 * with closing the suggestion, then evaluates it at once. Null when another request handled the
 * suggestion first (nothing is created then).
 */
export async function acceptSuggestion(db: Db, userId: string, s: SuggestionRow, accepted: { clientId: string; title: string; dueAt: string }, now: Date): Promise<Expectation | null> {
  let created: Expectation;
  try {
    created = await inTransaction(db, async (trx) => {
      const e = await insertExpectation(trx, userId, accepted.clientId, { kind: s.kind as ExpectationKind, title: accepted.title, party: s.party === 'user' ? 'user' : 'client', dueAt: accepted.dueAt, params: {} }, now, 'suggestion', `accepted from mail ("${s.date_text}")`);
      if (!(await closeSuggestion(trx, userId, s.id, 'accepted', e.id))) throw new AlreadyHandled();
      return e;
    });
  } catch (err) {
    if (err instanceof AlreadyHandled) return null;
    throw err;
  }
  return (await changeExpectation(db, userId, created, {}, now)) ?? created;
}
