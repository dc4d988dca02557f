import { sql, type Kysely } from 'kysely';

/**
 * The replies of an account still to send. Every complete mail pass asks for them; without this
 * index the question read every reply the account ever sent, so a pass cost more the longer the
 * mailbox had been connected. Only queued and sending replies are in it, a handful at any time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index replies_pending on replies (account_id) where state in ('queued', 'sending')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('replies_pending').ifExists().execute();
}
