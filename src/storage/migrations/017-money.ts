import { sql, type Kysely } from 'kysely';

// Issue 20: a client's scope, the requests that go beyond it, invoices and their reminder drafts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('client_scopes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('deliverables', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('revision_rounds', 'integer')
    // Decimal text, never a float: 45.50 stays 45.50.
    .addColumn('rate', 'numeric(14, 2)')
    .addColumn('currency', 'text')
    .addColumn('unit', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('client_scopes_pk', ['user_id', 'client_id'])
    .execute();

  // One row per client message that asked for a revision or for extra work: counted once per message.
  await db.schema
    .createTable('scope_requests')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('provider_message_id', 'text', (c) => c.notNull())
    // 'revision' | 'extra-work' | 'new-work-while-unpaid'
    .addColumn('kind', 'text', (c) => c.notNull())
    // Revision requests only: the round this message belongs to (several messages can make one round).
    .addColumn('round', 'integer')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('scope_requests_message_kind', ['account_id', 'provider_message_id', 'kind'])
    .execute();
  await db.schema.createIndex('scope_requests_client').on('scope_requests').columns(['user_id', 'client_id', 'received_at']).execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('amount', 'numeric(14, 2)', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // Local dates (YYYY-MM-DD) in the user's zone: "due on the 15th" is a day, not an instant.
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('paid_on', 'text')
    // 'suggested' (found in sent mail, waiting for the user) | 'open' | 'dismissed'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('provider_message_id', 'text')
    // Who the reminders go to: the invoice mail's recipient, or the client's first address.
    .addColumn('contact', 'text')
    .addColumn('language', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('invoices_reference', ['user_id', 'client_id', 'reference'])
    .execute();
  await db.schema.createIndex('invoices_user_status').on('invoices').columns(['user_id', 'status']).execute();

  // A reminder draft per invoice and stage, at most once.
  await db.schema
    .createTable('payment_reminders')
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    // 'before' | 'due' | 'late-7' | 'late-30'
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('drafted_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_reminders_pk', ['invoice_id', 'stage'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['payment_reminders', 'invoices', 'scope_requests', 'client_scopes']) await db.schema.dropTable(t).ifExists().execute();
}
