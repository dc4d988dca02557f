import type { InvitationDecision } from '../domain/invitation.js';
import type { InvitationMeta } from '../domain/message.js';
import type { Db } from './db.js';

/** Calendar invitations Boundary has seen, with the decision it made and the answer it sent. */

export const getInvitation = (db: Db, id: string) => db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();

export async function markInvitationAnswered(db: Db, id: string, answer: string, at: Date): Promise<void> {
  await db.updateTable('invitations').set({ answer, answered_at: at }).where('id', '=', id).execute();
}

export const findInvitation = (db: Db, accountId: string, providerEventId: string) =>
  db.selectFrom('invitations').select(['id', 'decision']).where('account_id', '=', accountId).where('provider_event_id', '=', providerEventId).executeTakeFirst();

/** Stores what the calendar says now; a decision, once made, is kept when the event changes. */
export async function upsertInvitation(db: Db, accountId: string, invitation: InvitationMeta, decision: InvitationDecision | null, at: Date): Promise<string> {
  const row = await db
    .insertInto('invitations')
    .values({ account_id: accountId, provider_event_id: invitation.providerEventId, data: JSON.stringify(invitation), decision: decision ? JSON.stringify(decision) : null, updated_at: at })
    .onConflict((oc) => oc.columns(['account_id', 'provider_event_id']).doUpdateSet({ data: JSON.stringify(invitation), updated_at: at }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}
