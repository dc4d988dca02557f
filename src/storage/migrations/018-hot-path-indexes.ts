import { sql, type Kysely } from 'kysely';

/**
 * Indexes for what every new message asks of a large mailbox. Without them each question read
 * every row the account has: on 50,000 messages, the earlier mail with a sender took 47 ms and the
 * messages decided since the last pass 23 ms, for every message and every pass.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The earlier mail with one correspondent: what they sent, and what the user sent them.
  await db.schema.createIndex('messages_account_from').on('messages').columns(['account_id', 'from_address', 'received_at']).execute();
  await sql`create index messages_out_recipients on messages using gin (recipients jsonb_path_ops) where direction = 'out'`.execute(db);
  // The messages a pass decided since the last complete one.
  await db.schema.createIndex('decisions_account_decided').on('decisions').columns(['account_id', 'decided_at']).execute();
  // The latest automatic reply in a thread.
  await db.schema.createIndex('replies_thread').on('replies').columns(['account_id', 'thread_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['replies_thread', 'decisions_account_decided', 'messages_out_recipients', 'messages_account_from']) await db.schema.dropIndex(index).ifExists().execute();
}
