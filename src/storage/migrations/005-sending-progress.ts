import { sql, type Kysely } from 'kysely';

// Sending keeps its progress across passing faults. accounts.sent_cursor_at: how far the user's sent
// mail has been read completely; reads that stop half-way record what they got, so the newest
// recorded message is no longer proof that everything before it was read.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('sent_cursor_at', 'timestamptz').execute();
  // Until now every read was all-or-nothing, so the newest recorded one was that proof.
  // When the user's sent mail was last found free of an answer to the message a reply is for.
  await db.schema.alterTable('replies').addColumn('checked_at', 'timestamptz').execute();
  await sql`update accounts set sent_cursor_at = (select max(m.received_at) from messages m where m.account_id = accounts.id and m.direction = 'out')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('replies').dropColumn('checked_at').execute();
  await db.schema.alterTable('accounts').dropColumn('sent_cursor_at').execute();
}
