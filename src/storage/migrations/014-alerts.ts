import { sql, type Kysely } from 'kysely';

// Issue 18: alerts that reach the user now, and the browsers that receive Web Push.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('provider_message_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // email | webhook | push
    .addColumn('rule', 'text', (c) => c.notNull()) // vip | urgent
    // pending → sending → sent | failed | skipped
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('ref', 'text') // the message's Message-ID (or provider id): how Activity links it
    // What the alert says, written once at the decision, so a retry sends the same words.
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('send_after', 'timestamptz', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('alerts_message_channel', ['account_id', 'provider_message_id', 'channel'])
    .execute();
  await db.schema.createIndex('alerts_user_created').on('alerts').columns(['user_id', 'created_at']).execute();
  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('endpoint', 'text', (c) => c.notNull().unique())
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('push_subscriptions_user').on('push_subscriptions').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('push_subscriptions').ifExists().execute();
  await db.schema.dropTable('alerts').ifExists().execute();
}
