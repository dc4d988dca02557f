import { sql, type Kysely } from 'kysely';

// Issue 20: contract status per client, and recaps of client decisions waiting for their "yes".
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable('client_contracts')
    .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // ContractState (src/domain/agreements/contract.ts): status, its dates, refusal, suggestion, history.
    .addColumn('state', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('client_contracts_user').on('client_contracts').column('user_id').execute();

  await db.schema
    .createTable('recaps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.references('clients.id').onDelete('set null'))
    .addColumn('thread_id', 'text', (c) => c.notNull())
    .addColumn('provider_message_id', 'text', (c) => c.notNull())
    .addColumn('message_ref', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // The client's sentence with the decision; the agreement's title once confirmed.
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    // pending → confirmed (by the client's reply, or by the user) | dismissed
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('confirmed_by', 'text')
    .addColumn('expectation_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('closed_at', 'timestamptz')
    .addUniqueConstraint('recaps_account_message', ['account_id', 'provider_message_id'])
    .execute();
  await db.schema.createIndex('recaps_user_status').on('recaps').columns(['user_id', 'status']).execute();
  await db.schema.createIndex('recaps_thread').on('recaps').columns(['account_id', 'thread_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recaps').ifExists().execute();
  await db.schema.dropTable('client_contracts').ifExists().execute();
}
