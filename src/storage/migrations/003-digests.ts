import { sql, type Kysely } from 'kysely';

// Migrations are frozen once shipped: never edit one, add the next.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('digests')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The user's local calendar date the digest is for: the unit of "exactly one per day".
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('model', 'jsonb', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // Deterministic Message-ID, so a send interrupted by a crash is found in Sent, not repeated.
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('send_started_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('sent_via', 'text')
    .addUniqueConstraint('digests_user_date', ['user_id', 'date'])
    .execute();
  // The digest reads a user's recent mail by time; the 001 indexes lead with thread or client.
  await db.schema.createIndex('messages_account_direction_received').on('messages').columns(['account_id', 'direction', 'received_at']).execute();
  await db.schema.createIndex('decisions_account_received').on('decisions').columns(['account_id', 'received_at']).execute();
  await db.schema.createIndex('invitations_account_updated').on('invitations').columns(['account_id', 'updated_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('invitations_account_updated').ifExists().execute();
  await db.schema.dropIndex('decisions_account_received').ifExists().execute();
  await db.schema.dropIndex('messages_account_direction_received').ifExists().execute();
  await db.schema.dropTable('digests').ifExists().execute();
}
