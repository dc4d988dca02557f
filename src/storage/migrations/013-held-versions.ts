import type { Kysely } from 'kysely';

// Issue 21, second part. `draft_version`: the provider's cheap change marker of the draft last
// read (Gmail message id, Graph changeKey, IMAP UID), so a scan re-reads only new or changed
// drafts. `send_step`: how far a multi-step send got (IMAP: SMTP, then the copy in Sent), as for replies.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('held_messages').addColumn('draft_version', 'text').execute();
  await db.schema.alterTable('held_messages').addColumn('send_step', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('held_messages').dropColumn('send_step').execute();
  await db.schema.alterTable('held_messages').dropColumn('draft_version').execute();
}
