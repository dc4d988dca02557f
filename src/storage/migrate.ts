import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Db } from './db.js';
import * as m001 from './migrations/001-initial.js';
import * as m002 from './migrations/002-follow-up.js';
import * as m003 from './migrations/003-digests.js';
import * as m004 from './migrations/004-sessions.js';
import * as m005 from './migrations/005-sending-progress.js';
import * as m006 from './migrations/006-sign-in-identities.js';
import * as m007 from './migrations/007-api-token-expiry.js';
import * as m008 from './migrations/008-send-steps.js';
import * as m009 from './migrations/009-calendar-time-off.js';
import * as m010 from './migrations/010-held-messages.js';
import * as m011 from './migrations/011-message-signals.js';
import * as m012 from './migrations/012-drafts.js';
import * as m016 from './migrations/016-agreements.js';
import * as m017 from './migrations/017-money.js';
import * as m018 from './migrations/018-hot-path-indexes.js';
import * as m019 from './migrations/019-pending-replies.js';
import * as m014 from './migrations/014-alerts.js';
import * as m013 from './migrations/013-held-versions.js';

/** Migrations are listed in code so the built output needs no directory scanning. */
const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '002-follow-up': m002,
  '003-digests': m003,
  '004-sessions': m004,
  '005-sending-progress': m005,
  '006-sign-in-identities': m006,
  '007-api-token-expiry': m007,
  '008-send-steps': m008,
  '009-calendar-time-off': m009,
  '010-held-messages': m010,
  '011-message-signals': m011,
  '012-drafts': m012,
  '016-agreements': m016,
  '017-money': m017,
  '018-hot-path-indexes': m018,
  '019-pending-replies': m019,
  '014-alerts': m014,
  '013-held-versions': m013,
};

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${failed} failed: ${String((result.error as Error).message ?? result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
