import type { Config } from '../../config/load.js';
import { openDatabase } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';

export async function migrateCommand(config: Config, io: { out: (s: string) => void }): Promise<number> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(database.db);
    io.out(applied.length ? `Applied ${applied.join(', ')} (${database.engine}).` : `Database is up to date (${database.engine}).`);
    return 0;
  } finally {
    await database.close();
  }
}
