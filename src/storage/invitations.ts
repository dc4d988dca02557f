import type { Db } from './db.js';

/** Calendar invitations Boundary has seen, with the decision it made and the answer it sent. */

export const getInvitation = (db: Db, id: string) => db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();

export async function markInvitationAnswered(db: Db, id: string, answer: string, at: Date): Promise<void> {
  await db.updateTable('invitations').set({ answer, answered_at: at }).where('id', '=', id).execute();
}
