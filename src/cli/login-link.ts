import { parseArgs } from 'node:util';
import type { Config } from '../../config/load.js';
import { openDatabase } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { createLoginLink } from '../storage/sessions.js';
import { upsertUser } from '../storage/users.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const LOGIN_LINK_TTL_MS = 15 * 60_000;

/**
 * `boundary user login-link --email ADDRESS`: a one-time sign-in link for self-hosting, where no
 * Google or Microsoft app may be configured. Creates the user when new. The link works once and
 * expires after 15 minutes; only its hash is stored.
 */
export async function loginLinkCommand(
  args: string[],
  config: Config,
  io: { out: (s: string) => void; err: (s: string) => void; now?: () => { toJSDate(): Date } },
): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
  if (!values.email || !EMAIL.test(values.email)) {
    io.err('boundary user login-link: --email must be an email address, e.g. --email you@example.com');
    return 2;
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const user = await upsertUser(database.db, { email: values.email });
    const now = io.now?.().toJSDate() ?? new Date();
    const { token, expiresAt } = await createLoginLink(database.db, user.id, now, LOGIN_LINK_TTL_MS);
    io.out(`Sign in as ${user.email} (works once, until ${expiresAt.toISOString()}):`);
    io.out(`${config.publicUrl}/login/${token}`);
    return 0;
  } finally {
    await database.close();
  }
}
