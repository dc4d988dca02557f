import type { Selectable } from 'kysely';
import type { Db } from './db.js';
import type { DraftState, DraftsTable } from './schema.js';

export type DraftRow = Selectable<DraftsTable>;
export type { DraftState } from './schema.js';

export interface NewDraft {
  userId: string;
  accountId: string;
  clientId: string | null;
  kind: string;
  dedupeKey: string;
  recipient: string;
  subject: string;
  language: string;
  inReplyTo: { providerMessageId: string; messageId: string | null; threadId: string } | null;
  body: string;
  messageId: string;
}

/** Records a draft to write; null when this account already has one under the key. */
export async function insertDraft(db: Db, d: NewDraft): Promise<DraftRow | null> {
  const row = await db
    .insertInto('drafts')
    .values({
      user_id: d.userId, account_id: d.accountId, client_id: d.clientId, kind: d.kind, dedupe_key: d.dedupeKey, recipient: d.recipient,
      subject: d.subject, language: d.language, in_reply_to: d.inReplyTo ? JSON.stringify(d.inReplyTo) : null, state: 'queued',
      body: d.body, message_id: d.messageId,
    })
    .onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export const draftByKey = (db: Db, accountId: string, dedupeKey: string) =>
  db.selectFrom('drafts').selectAll().where('account_id', '=', accountId).where('dedupe_key', '=', dedupeKey).executeTakeFirst();

export async function getDraft(db: Db, id: string): Promise<DraftRow | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  return db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The user's drafts, newest first; another user's never appear. */
export async function listDraftsOfUser(db: Db, userId: string, limit = 200): Promise<DraftRow[]> {
  return db.selectFrom('drafts').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/**
 * Compare-and-set on the state. Leaving for a final state clears the body: once the draft is in
 * the mailbox (or will never be), Boundary has no reason to keep the words.
 */
export async function transitionDraft(db: Db, id: string, from: DraftState[], to: DraftState,
  patch: { providerDraftId?: string; writtenAt?: Date; error?: string | null } = {}): Promise<boolean> {
  const final = to === 'written' || to === 'skipped' || to === 'failed';
  const res = await db
    .updateTable('drafts')
    .set({
      state: to,
      ...(final ? { body: null } : {}),
      ...(patch.providerDraftId !== undefined ? { provider_draft_id: patch.providerDraftId } : {}),
      ...(patch.writtenAt ? { written_at: patch.writtenAt } : {}),
      ...(patch.error !== undefined ? { error: patch.error } : {}),
    })
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** The per-account drafting switch. */
export async function setDrafting(db: Db, accountId: string, on: boolean): Promise<void> {
  await db.updateTable('accounts').set({ drafting: on }).where('id', '=', accountId).execute();
}
