import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ReminderDraft } from '../domain/follow-up/reminders.js';
import type { Db } from './db.js';
import type { ReminderStatus, RemindersTable } from './schema.js';

export type ReminderRow = Selectable<RemindersTable>;

/**
 * Inserts a reminder unless its key (user, kind, subject, episode, level) exists. Returns the row
 * only to the caller that created it, so exactly one of two concurrent scans logs it.
 */
export async function insertReminder(db: Db, userId: string, d: ReminderDraft, at: Date): Promise<ReminderRow | undefined> {
  return db
    .insertInto('reminders')
    .values({ id: randomUUID(), user_id: userId, kind: d.kind, subject: d.subject, episode: d.episode, level: d.level, client_id: d.clientId, title: d.title, detail: d.detail, suggested_follow_up: d.suggestedFollowUp, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'subject', 'episode', 'level']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export const openReminders = (db: Db, userId: string) =>
  db.selectFrom('reminders').selectAll().where('user_id', '=', userId).where('status', '=', 'open').execute();

export async function listReminders(db: Db, userId: string, status: ReminderStatus | 'all', limit: number): Promise<ReminderRow[]> {
  let q = db.selectFrom('reminders').selectAll().where('user_id', '=', userId);
  if (status !== 'all') q = q.where('status', '=', status);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

export const getReminder = (db: Db, userId: string, id: string) =>
  db.selectFrom('reminders').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();

/** Closes an open reminder; returns it only to the caller whose update took effect. */
export async function closeReminder(db: Db, userId: string, id: string, to: Exclude<ReminderStatus, 'open'>, at: Date): Promise<ReminderRow | undefined> {
  return db
    .updateTable('reminders')
    .set({ status: to, updated_at: at, closed_at: at })
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

/** Users with something to watch for follow-ups: a connected account or a recorded expectation. */
export const usersToScanForFollowUps = (db: Db) =>
  db
    .selectFrom('users')
    .select('users.id')
    .where((eb) => eb.or([eb.exists(eb.selectFrom('accounts').select('accounts.id').whereRef('accounts.user_id', '=', 'users.id')), eb.exists(eb.selectFrom('expectations').select('expectations.id').whereRef('expectations.user_id', '=', 'users.id'))]))
    .execute();
