import type { Selectable } from 'kysely';
import type { Db } from './db.js';
import type { HeldMessagesTable, HeldState } from './schema.js';

export type HeldRow = Selectable<HeldMessagesTable>;
export type { HeldState } from './schema.js';

export interface NewHeld {
  userId: string;
  accountId: string;
  draftId: string;
  fingerprint: string;
  messageId: string | null;
  recipient: string;
  subject: string;
  clientId: string | null;
  basis: string;
  reason: string;
  sendAt: Date;
  markedAt: Date;
  /** The provider's change marker of the draft as read (see HeldDraft.version). */
  version: string | null;
}

/** Records a newly marked draft; null when the account already holds (or held) this draft. */
export async function insertHeld(db: Db, h: NewHeld): Promise<HeldRow | null> {
  const row = await db
    .insertInto('held_messages')
    .values({
      user_id: h.userId, account_id: h.accountId, draft_id: h.draftId, state: 'waiting', fingerprint: h.fingerprint, message_id: h.messageId,
      recipient: h.recipient, subject: h.subject, client_id: h.clientId, basis: h.basis, reason: h.reason, send_at: h.sendAt, marked_at: h.markedAt,
      draft_version: h.version,
    })
    .onConflict((oc) => oc.columns(['account_id', 'draft_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export async function getHeld(db: Db, id: string): Promise<HeldRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  return db.selectFrom('held_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A held message only if it is this user's: another user's id reads as absent. */
export async function getHeldOfUser(db: Db, userId: string, id: string): Promise<HeldRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  return db.selectFrom('held_messages').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function listWaiting(db: Db, userId: string): Promise<HeldRow[]> {
  return db.selectFrom('held_messages').selectAll().where('user_id', '=', userId).where('state', 'in', ['waiting', 'sending'])
    .orderBy('send_at').orderBy('id').execute();
}

export async function transitionHeld(db: Db, id: string, from: HeldState[], to: HeldState,
  patch: { messageId?: string | null; sentAt?: Date; sendAt?: Date; reason?: string } = {}): Promise<boolean> {
  const res = await db
    .updateTable('held_messages')
    .set({
      state: to,
      ...(patch.messageId !== undefined ? { message_id: patch.messageId } : {}),
      ...(patch.sentAt ? { sent_at: patch.sentAt } : {}),
      ...(patch.sendAt ? { send_at: patch.sendAt } : {}),
      ...(patch.reason ? { reason: patch.reason } : {}),
    })
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The user edited the draft while it waited: remember the content that will go. */
export async function updateHeldContent(db: Db, id: string, fingerprint: string, messageId: string | null): Promise<void> {
  await db.updateTable('held_messages').set({ fingerprint, message_id: messageId }).where('id', '=', id).execute();
}

export async function waitingOfAccount(db: Db, accountId: string): Promise<HeldRow[]> {
  return db.selectFrom('held_messages').selectAll().where('account_id', '=', accountId).where('state', '=', 'waiting').execute();
}

/** Every draft this account ever held, with the version last read: what a scan need not read again. */
export async function heldDraftVersions(db: Db, accountId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('held_messages').select(['draft_id', 'draft_version']).where('account_id', '=', accountId).execute();
  return new Map(rows.map((r) => [r.draft_id, r.draft_version ?? '']));
}

/**
 * A held draft changed since the last scan: remember its version (whatever the state, so it is not
 * read again), and while it waits show what it says now (the send step still notices the edit).
 */
export async function refreshHeldDraft(db: Db, accountId: string, draftId: string, d: { version: string; recipient: string; subject: string }): Promise<void> {
  const row = db.updateTable('held_messages').where('account_id', '=', accountId).where('draft_id', '=', draftId);
  await row.set({ draft_version: d.version }).execute();
  await row.set({ recipient: d.recipient, subject: d.subject }).where('state', '=', 'waiting').execute();
}

export async function recordHeldSendStep(db: Db, id: string, step: string | null): Promise<void> {
  await db.updateTable('held_messages').set({ send_step: step }).where('id', '=', id).execute();
}
