import type { Kysely } from 'kysely';

// How far a send got with a provider that takes several outside steps (IMAP: SMTP submission, then
// the copy in Sent). A retry after a kill resumes from here instead of guessing from the mailbox.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('replies').addColumn('send_step', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('replies').dropColumn('send_step').execute();
}
