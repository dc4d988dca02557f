import { sql, type Kysely } from 'kysely';

// Issue 21: the user's own drafts held for the working day. One row per marked draft of an account.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('held_messages')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('draft_id', 'text', (c) => c.notNull())
    // waiting → sending → sent | cancelled | gone (the draft was deleted: nothing was sent)
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    // The Message-ID of the content being sent, recorded before the send: how a retry finds it in Sent.
    .addColumn('message_id', 'text')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('send_at', 'timestamptz', (c) => c.notNull())
    .addColumn('marked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('held_messages_account_draft', ['account_id', 'draft_id'])
    .execute();
  await db.schema.createIndex('held_messages_user_state').on('held_messages').columns(['user_id', 'state']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('held_messages').ifExists().execute();
}
