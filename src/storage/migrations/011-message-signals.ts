import { sql, type Kysely } from 'kysely';

// Issues 18 and 20: what Boundary noticed in each inbound message (codes, a line of text and the
// few words that triggered it), kept with the message's metadata; never the body.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('signals', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();
  // Set once every feature has reacted to the decided message: a crash in between leaves it null,
  // and the next sync that sees the message reacts again (reactions are idempotent).
  await db.schema.alterTable('decisions').addColumn('reacted_at', 'timestamptz').execute();
  // Decisions made before this migration had nothing to react to.
  await sql`update decisions set reacted_at = decided_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('decisions').dropColumn('reacted_at').execute();
  await db.schema.alterTable('messages').dropColumn('signals').execute();
}
