import { parseArgs } from 'node:util';
import { newApiToken, tokenExpiry } from '../auth/api-tokens.js';
import { addApiToken } from '../storage/api-tokens.js';
import type { Db } from '../storage/db.js';
import { createUser, findUserByEmail, UserExistsError, type User } from '../storage/users.js';
import type { DataCommand, DataIo } from './data-commands.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const USER_USAGE = `Usage: boundary user create --email ADDRESS [--name NAME]
       boundary user token --email ADDRESS [--name TOKEN_NAME] [--expires 30d|YYYY-MM-DD]
       boundary user tokens list --email ADDRESS
       boundary user tokens revoke --email ADDRESS --id TOKEN_ID
       boundary user login-link --email ADDRESS`;

type Options = Record<string, { type: 'string' }>;

/** Parses the options or prints what is wrong; `undefined` means the caller should exit 2. */
export function parseOptions(command: string, args: string[], options: Options, io: DataIo): Record<string, string | undefined> | undefined {
  try {
    return parseArgs({ args, options, allowPositionals: false }).values as Record<string, string | undefined>;
  } catch (err) {
    io.err(`boundary ${command}: ${(err as Error).message}\n${USER_USAGE}`);
    return undefined;
  }
}

/** The user named by --email, or a message saying how to get one. */
export async function userForEmail(db: Db, command: string, email: string | undefined, io: DataIo): Promise<User | number> {
  if (!email || !EMAIL.test(email)) {
    io.err(`boundary ${command}: --email must be an email address, e.g. --email you@example.com`);
    return 2;
  }
  const user = await findUserByEmail(db, email);
  if (user) return user;
  io.err(`boundary ${command}: no user with email ${email.toLowerCase()}. Sign in once with a link (boundary user login-link --email ${email}) or create one (boundary user create --email ${email}).`);
  return 1;
}

async function issueToken(db: Db, user: User, name: string, expires: string | undefined, command: string, io: DataIo, publicUrl: string): Promise<number> {
  let expiresAt: Date | null = null;
  if (expires !== undefined) {
    const parsed = tokenExpiry(expires, io.now().toJSDate());
    if ('problem' in parsed) {
      io.err(`boundary ${command}: --expires: ${parsed.problem}.`);
      return 2;
    }
    expiresAt = parsed.expiresAt;
  }
  const { token, hash } = newApiToken();
  const id = await addApiToken(db, user.id, hash, name, expiresAt);
  io.out(`API token "${name}" for ${user.email} (id ${id}${expiresAt ? `, expires ${expiresAt.toISOString()}` : ', no expiry'}).`);
  io.out(`Shown once; keep it safe: ${token}`);
  io.out(`Try: curl -H "Authorization: Bearer ${token}" ${publicUrl}/api/settings`);
  return 0;
}

/** `boundary user create`: a new user and a first token. */
export const userCreateCommand: DataCommand = async (args, { config, db, io }) => {
  const values = parseOptions('user create', args, { email: { type: 'string' }, name: { type: 'string' } }, io);
  if (!values) return 2;
  if (!values.email || !EMAIL.test(values.email)) {
    io.err('boundary user create: --email must be an email address, e.g. --email you@example.com');
    return 2;
  }
  try {
    const user = await createUser(db, { email: values.email, name: values.name });
    io.out(`Created user ${user.email} (${user.id}).`);
    return await issueToken(db, user, 'created by boundary user create', undefined, 'user create', io, config.publicUrl);
  } catch (err) {
    if (!(err instanceof UserExistsError)) throw err;
    io.err(`${err.message}. For a token for it: boundary user token --email ${values.email}`);
    return 1;
  }
};

/** `boundary user token`: another token for an existing user (one who signed in by link, say). */
export const userTokenCommand: DataCommand = async (args, { config, db, io }) => {
  const values = parseOptions('user token', args, { email: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' } }, io);
  if (!values) return 2;
  const user = await userForEmail(db, 'user token', values.email, io);
  if (typeof user === 'number') return user;
  const name = values.name?.trim() || `from the command line, ${io.now().toISODate()}`;
  if (name.length > 100) {
    io.err('boundary user token: --name must be at most 100 characters.');
    return 2;
  }
  return issueToken(db, user, name, values.expires, 'user token', io, config.publicUrl);
};
