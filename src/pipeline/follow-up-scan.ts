import { withStatus } from '../domain/follow-up/expectations.js';
import { reminderDrafts, type ReminderDraft } from '../domain/follow-up/reminders.js';
import { logActivity } from '../storage/activity.js';
import type { Db } from '../storage/db.js';
import { saveExpectation } from '../storage/expectations.js';
import { closeReminder, insertReminder, openReminders } from '../storage/reminders.js';
import { effectiveSettings } from '../storage/settings-store.js';
import type { PipelineContext } from './context.js';
import { evaluateFollowUps } from './follow-up-report.js';

export interface ScanOutcome {
  created: number;
  escalated: number;
  resolved: number;
  expectationsChanged: number;
}

const episodeKey = (r: { kind: string; subject: string; episode: string }) => `${r.kind}\u0000${r.subject}\u0000${r.episode}`;

/**
 * Turns the follow-up report into reminders. Idempotent and safe to run on two workers at once:
 * reminders are unique per (user, kind, subject, episode, level) and every state change is a
 * conditional update, so only the run that actually made a change logs it. Nothing is sent:
 * the suggested follow-up waits for the user.
 */
export async function scanFollowUps(ctx: Pick<PipelineContext, 'db'>, userId: string, now: Date): Promise<ScanOutcome> {
  const { db } = ctx;
  const outcome: ScanOutcome = { created: 0, escalated: 0, resolved: 0, expectationsChanged: 0 };
  const { report, evaluations, input } = await evaluateFollowUps(db, userId, now, await effectiveSettings(db, userId));

  for (const e of input.expectations) {
    const next = evaluations.get(e.id);
    if (!next || next.status === e.status) continue;
    if (!(await saveExpectation(db, userId, withStatus(e, next, now.toISOString()), e.status, now))) continue;
    outcome.expectationsChanged += 1;
    await logActivity(db, { userId, clientId: e.clientId, kind: `expectation.${next.status}`, summary: `"${e.title}" is now ${next.status}: ${next.reason}.`, ref: e.id, at: now });
  }

  const drafts = reminderDrafts(report, input.settings, input.now);
  const wanted = new Map(drafts.map((d) => [episodeKey(d), d]));
  for (const draft of drafts) {
    const row = await insertReminder(db, userId, draft, now);
    if (!row) continue;
    if (draft.level > 1) outcome.escalated += 1;
    else outcome.created += 1;
    await log(db, userId, draft, row.id, draft.level > 1 ? 'reminder.escalated' : 'reminder.created', now);
  }

  for (const r of await openReminders(db, userId)) {
    const d = wanted.get(episodeKey(r));
    if (d && d.level <= r.level) continue;
    // Either the condition cleared, or a higher level replaced this one.
    const closed = await closeReminder(db, userId, r.id, 'resolved', now);
    if (!closed || d) continue;
    outcome.resolved += 1;
    await logActivity(db, { userId, clientId: r.client_id, kind: 'reminder.resolved', summary: `Resolved: ${r.title}.`, ref: r.id, at: now });
  }
  return outcome;
}

function log(db: Db, userId: string, d: ReminderDraft, id: string, kind: string, at: Date) {
  const prefix = kind === 'reminder.escalated' ? 'Still open, reminding again' : 'Reminder';
  return logActivity(db, { userId, clientId: d.clientId, kind, summary: `${prefix}: ${d.title}. ${d.detail} A suggested follow-up is ready; nothing is sent for you.`, ref: id, at });
}
