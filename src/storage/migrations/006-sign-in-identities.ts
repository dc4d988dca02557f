import { sql, type Kysely } from 'kysely';

// Which provider identity signs in as which user. Microsoft's preferred_username is chosen by
// the account's tenant, so it can name anyone's address: sign-in goes by the immutable account id.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_identities')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('sign_in_identities_pk', ['provider', 'subject'])
    .execute();
  await db.schema.createIndex('sign_in_identities_user').on('sign_in_identities').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_identities').execute();
}
