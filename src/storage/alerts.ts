import type { Selectable } from 'kysely';
import type { AlertPayload } from '../domain/alerts/payload.js';
import type { AlertChannel, AlertRule } from '../domain/alerts/plan.js';
import type { Db } from './db.js';
import type { AlertsTable, AlertState, PushSubscriptionsTable } from './schema.js';

export type AlertRow = Selectable<AlertsTable>;
export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

export interface NewAlert {
  userId: string;
  accountId: string;
  providerMessageId: string;
  channel: AlertChannel;
  rule: AlertRule;
  clientId: string | null;
  ref: string | null;
  payload: AlertPayload;
  sendAfter: Date;
}

/** Records an alert; null when this message already has one on this channel (sent once, ever). */
export async function insertAlert(db: Db, a: NewAlert): Promise<AlertRow | null> {
  const row = await db
    .insertInto('alerts')
    .values({
      user_id: a.userId, account_id: a.accountId, provider_message_id: a.providerMessageId, channel: a.channel, rule: a.rule, state: 'pending',
      client_id: a.clientId, ref: a.ref, payload: JSON.stringify(a.payload), send_after: a.sendAfter,
    })
    .onConflict((oc) => oc.columns(['account_id', 'provider_message_id', 'channel']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function findAlert(db: Db, accountId: string, providerMessageId: string, channel: AlertChannel): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('account_id', '=', accountId).where('provider_message_id', '=', providerMessageId).where('channel', '=', channel).executeTakeFirst();
}

export async function getAlert(db: Db, id: string): Promise<AlertRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Compare-and-set pending → sending, so two workers never both send. A `sending` row older than
 * `staleBefore` belonged to a worker that died mid-send; it may be taken over.
 */
export async function claimAlert(db: Db, id: string, now: Date, staleBefore: Date): Promise<AlertRow | null> {
  const row = await db
    .updateTable('alerts')
    .set((eb) => ({ state: 'sending', started_at: now, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('state', '=', 'pending'), eb.and([eb('state', '=', 'sending'), eb('started_at', '<', staleBefore)])]))
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function finishAlert(db: Db, id: string, state: Exclude<AlertState, 'pending' | 'sending'>, at: Date, error: string | null = null): Promise<boolean> {
  const r = await db
    .updateTable('alerts')
    .set({ state, error, ...(state === 'sent' ? { sent_at: at } : {}) })
    .where('id', '=', id)
    .where('state', '=', 'sending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A passing failure: back to pending for the next attempt, with what went wrong. */
export async function releaseAlert(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('alerts').set({ state: 'pending', error }).where('id', '=', id).where('state', '=', 'sending').execute();
}

export async function listAlerts(db: Db, userId: string, limit = 50): Promise<AlertRow[]> {
  return db.selectFrom('alerts').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).execute();
}

export async function savePushSubscription(db: Db, userId: string, s: { endpoint: string; p256dh: string; auth: string }): Promise<void> {
  await db
    .insertInto('push_subscriptions')
    .values({ user_id: userId, endpoint: s.endpoint, p256dh: s.p256dh, auth: s.auth })
    .onConflict((oc) => oc.column('endpoint').doUpdateSet({ user_id: userId, p256dh: s.p256dh, auth: s.auth }))
    .execute();
}

export async function deletePushSubscription(db: Db, endpoint: string, userId?: string): Promise<boolean> {
  let q = db.deleteFrom('push_subscriptions').where('endpoint', '=', endpoint);
  if (userId) q = q.where('user_id', '=', userId);
  return Number((await q.executeTakeFirst()).numDeletedRows) > 0;
}

export async function listPushSubscriptions(db: Db, userId: string): Promise<PushSubscriptionRow[]> {
  return db.selectFrom('push_subscriptions').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}
