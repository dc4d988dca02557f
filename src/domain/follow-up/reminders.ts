import { DateTime } from 'luxon';
import type { Settings } from '../settings.js';
import type { FollowUpReport } from './types.js';
import { workingDaysBetween } from './working-days.js';

export type ReminderKind = 'awaiting-client' | 'quiet-client' | 'reappearance' | 'unanswered-by-user' | 'expectation';
export const REMINDER_KINDS: readonly ReminderKind[] = ['awaiting-client', 'quiet-client', 'reappearance', 'unanswered-by-user', 'expectation'];

/**
 * What a reminder should exist right now. Its identity is (kind, subject, episode, level):
 * `subject` is the thread, client or expectation; `episode` tells one occurrence from the next
 * (a new message restarts the wait, so it is a new reminder); `level` 2 is the escalation.
 */
export interface ReminderDraft {
  kind: ReminderKind;
  subject: string;
  episode: string;
  level: 1 | 2;
  clientId: string | null;
  title: string;
  detail: string;
  suggestedFollowUp: string | null;
}

/** A stored UTC instant as the user reads a date: "Fri 20 Nov", in their zone. */
const dayOf = (iso: string, settings: Settings) => DateTime.fromISO(iso, { zone: settings.timeZone }).toFormat('ccc d LLL');

/** Level 2 once the wait reaches twice what triggered level 1. */
const level = (value: number, threshold: number): 1 | 2 => (value >= 2 * threshold ? 2 : 1);

export function reminderDrafts(report: FollowUpReport, settings: Settings, now: DateTime): ReminderDraft[] {
  const out: ReminderDraft[] = [];
  for (const a of report.awaitingClients) {
    out.push({
      kind: 'awaiting-client',
      subject: a.threadId,
      episode: a.lastSentAt,
      level: level(a.waitingWorkingHours, a.thresholdWorkingHours),
      clientId: a.client.id,
      title: `${a.client.name} hasn't answered "${a.subject}"`,
      detail: `You wrote on ${dayOf(a.lastSentAt, settings)}; ${a.waitingWorkingHours} working hours without an answer (threshold ${a.thresholdWorkingHours}).`,
      suggestedFollowUp: a.suggestedFollowUp,
    });
  }
  for (const q of report.quietClients) {
    out.push({
      kind: 'quiet-client',
      subject: q.client.id ?? q.client.address,
      episode: q.lastHeardAt,
      level: level(q.quietWorkingDays, settings.silence.quietClientDays),
      clientId: q.client.id,
      title: `${q.client.name} has gone quiet`,
      detail: `Nothing from them for ${q.quietWorkingDays} working days while something is open: ${q.openItems.join('; ')}.`,
      suggestedFollowUp: q.suggestedFollowUp,
    });
  }
  for (const r of report.reappearances) {
    out.push({
      kind: 'reappearance',
      subject: r.client.id ?? r.client.address,
      episode: r.messageAt,
      level: 1,
      clientId: r.client.id,
      title: `${r.client.name} is back after ${r.silentWorkingDays} working days${r.urgentWords.length ? ', asking for speed' : ''}`,
      detail: `"${r.subject}"${r.urgentWords.length ? ` (urgent wording: ${r.urgentWords.join(', ')})` : ''}. Restate the timelines calmly before committing to anything.`,
      suggestedFollowUp: r.suggestedResponse,
    });
  }
  for (const u of report.unansweredByUser) {
    out.push({
      kind: 'unanswered-by-user',
      subject: u.threadId,
      episode: u.receivedAt,
      level: level(u.waitingWorkingHours, u.promisedWorkingHours),
      clientId: u.client.id,
      title: `You haven't answered ${u.client.name}: "${u.subject}"`,
      detail: `Received ${dayOf(u.receivedAt, settings)}; ${u.waitingWorkingHours} working hours so far, you promise ${u.promisedWorkingHours}.`,
      suggestedFollowUp: null,
    });
  }
  for (const e of report.expectations) {
    // Overdue for longer than the silence threshold escalates; due and broken stay at level 1.
    const late = e.status === 'overdue' && e.dueAt ? workingDaysBetween(settings, e.dueAt, now) : 0;
    out.push({
      kind: 'expectation',
      subject: e.id,
      episode: e.status,
      level: late >= settings.silence.thresholdDays ? 2 : 1,
      clientId: e.client.id,
      title: `${e.title}: ${e.status}`,
      detail: `${e.kind} agreed with ${e.client.name}${e.dueAt ? `, due ${dayOf(e.dueAt, settings)}` : ''}; now ${e.status}.`,
      suggestedFollowUp: e.suggestedFollowUp,
    });
  }
  return out;
}
