import type { Kysely } from 'kysely';

// Out-of-office events read from a connected calendar; kept apart from the user's own settings so
// a cancelled event can be taken back without touching what the user typed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_time_off')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('all_day', 'boolean', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('calendar_time_off_pk', ['account_id', 'event_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_time_off').execute();
}
