import { parseArgs } from 'node:util';
import type { Config } from '../../config/load.js';
import { newApiToken } from '../auth/api-tokens.js';
import { openDatabase } from '../storage/db.js';
import { migrateToLatest } from '../storage/migrate.js';
import { addApiToken, createUser, UserExistsError } from '../storage/users.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function userCommand(args: string[], config: Config, io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'login-link') {
    const { loginLinkCommand } = await import('./login-link.js');
    return loginLinkCommand(rest, config, io);
  }
  if (sub !== 'create') {
    io.err('Usage: boundary user create --email ADDRESS [--name NAME]\n       boundary user login-link --email ADDRESS');
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email || !EMAIL.test(values.email)) {
    io.err('boundary user create: --email must be an email address, e.g. --email you@example.com');
    return 2;
  }
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db);
    const user = await createUser(database.db, { email: values.email, name: values.name });
    const { token, hash } = newApiToken();
    await addApiToken(database.db, user.id, hash, 'created by boundary user create');
    io.out(`Created user ${user.email} (${user.id}).`);
    io.out(`API token (shown once; keep it safe): ${token}`);
    io.out(`Try: curl -H "Authorization: Bearer ${token}" ${config.publicUrl}/api/settings`);
    return 0;
  } catch (err) {
    if (err instanceof UserExistsError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  } finally {
    await database.close();
  }
}
