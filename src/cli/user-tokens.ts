import { listApiTokens, revokeApiToken } from '../storage/api-tokens.js';
import type { DataCommand } from './data-commands.js';
import { parseOptions, USER_USAGE, userForEmail } from './user.js';

const day = (d: Date | null, none: string) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : none);

/** `boundary user tokens list|revoke`: see a user's API tokens (never their values) and revoke one. */
export const userTokensCommand: DataCommand = async (args, { db, io }) => {
  const [action, ...rest] = args;
  if (action !== 'list' && action !== 'revoke') {
    io.err(USER_USAGE);
    return 2;
  }
  const command = `user tokens ${action}`;
  const values = parseOptions(command, rest, { email: { type: 'string' }, id: { type: 'string' } }, io);
  if (!values) return 2;
  const user = await userForEmail(db, command, values.email, io);
  if (typeof user === 'number') return user;
  if (action === 'revoke') {
    if (!values.id) {
      io.err(`boundary ${command}: --id is required (see: boundary user tokens list --email ${user.email}).`);
      return 2;
    }
    if (!(await revokeApiToken(db, user.id, values.id))) {
      io.err(`boundary ${command}: ${user.email} has no token with id ${values.id}.`);
      return 1;
    }
    io.out(`Revoked token ${values.id} of ${user.email}; it no longer works.`);
    return 0;
  }
  const tokens = await listApiTokens(db, user.id);
  if (tokens.length === 0) {
    io.out(`${user.email} has no API tokens. Make one with: boundary user token --email ${user.email}`);
    return 0;
  }
  const now = io.now().toJSDate();
  io.out(`API tokens of ${user.email} (UTC times):`);
  for (const t of tokens) {
    const expired = t.expiresAt && t.expiresAt <= now ? ' (expired)' : '';
    io.out(`  ${t.id}  "${t.name}"  created ${day(t.createdAt, '')}  last used ${day(t.lastUsedAt, 'never')}  expires ${day(t.expiresAt, 'never')}${expired}`);
  }
  return 0;
};
