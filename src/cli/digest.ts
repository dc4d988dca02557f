import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import type { Config } from '../../config/load.js';
import { composeDigest } from '../pipeline/digest-build.js';
import { openDatabase } from '../storage/db.js';
import { getDigest } from '../storage/digests.js';
import { migrateToLatest } from '../storage/migrate.js';
import { getSettings } from '../storage/settings-store.js';
import { findUserByEmail } from '../storage/users.js';

const USAGE = 'Usage: boundary digest --user EMAIL [--date YYYY-MM-DD] [--html FILE]';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  now?: () => DateTime;
}

/**
 * Prints a digest's text and optionally writes its HTML. A stored digest is shown as sent; a date
 * without one gets a fresh preview, which is not stored (so the scheduled digest stays the real one).
 */
export async function digestCommand(args: string[], config: Config, io: Io): Promise<number> {
  let values: { user?: string; date?: string; html?: string };
  try {
    ({ values } = parseArgs({ args, options: { user: { type: 'string' }, date: { type: 'string' }, html: { type: 'string' } } }));
  } catch (err) {
    io.err(`boundary digest: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.user) {
    io.err(`boundary digest: --user is required (the user's email address).\n${USAGE}`);
    return 2;
  }
  if (values.date !== undefined && !DateTime.fromISO(values.date, { zone: 'utc' }).isValid) {
    io.err(`boundary digest: --date must be a date YYYY-MM-DD, got "${values.date}".`);
    return 2;
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const user = await findUserByEmail(database.db, values.user);
    if (!user) {
      io.err(`boundary digest: no user with email ${values.user} (create one with: boundary user create --email ${values.user}).`);
      return 1;
    }
    const now = (io.now?.() ?? DateTime.utc()).toJSDate();
    const { settings } = await getSettings(database.db, user.id);
    const date = values.date ?? DateTime.fromJSDate(now, { zone: settings.timeZone }).toISODate()!;
    const stored = await getDigest(database.db, user.id, date);
    const digest = stored ?? (await composeDigest(database.db, user.id, date, now));
    if (!stored) io.err(`(No digest stored for ${date}: this is a preview built now; it is not saved or sent.)`);
    io.out(digest.text);
    if (values.html) {
      await writeFile(values.html, digest.html);
      io.err(`Wrote the HTML version to ${values.html}.`);
    }
    return 0;
  } finally {
    await database.close();
  }
}
