import { sql, type Kysely } from 'kysely';

/**
 * Issue 20: drafts Boundary writes into the user's own mailbox, one row per account and dedupe key
 * (a reaction that runs twice asks for the same draft). The body is kept only until the draft is
 * written (ARCHITECTURE.md: bodies are not stored); the mailbox holds it from then on.
 * Accounts gain the per-account drafting switch; OAuth states gain the account and feature an
 * incremental consent is for.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('drafts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('client_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    // {providerMessageId, messageId, threadId} of the message answered, or null for a new thread.
    .addColumn('in_reply_to', 'jsonb')
    // queued → writing → written | skipped | failed
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    // The Message-ID written into the MIME, fixed at request time: how a retry finds a draft already saved.
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('provider_draft_id', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('written_at', 'timestamptz')
    .addUniqueConstraint('drafts_account_dedupe', ['account_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('drafts_user_created').on('drafts').columns(['user_id', 'created_at']).execute();
  await db.schema.alterTable('accounts').addColumn('drafting', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema.alterTable('oauth_states').addColumn('account_id', 'text').execute();
  await db.schema.alterTable('oauth_states').addColumn('feature', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('oauth_states').dropColumn('feature').execute();
  await db.schema.alterTable('oauth_states').dropColumn('account_id').execute();
  await db.schema.alterTable('accounts').dropColumn('drafting').execute();
  await db.schema.dropTable('drafts').ifExists().execute();
}
