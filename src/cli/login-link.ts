import { parseArgs } from 'node:util';
import type { Config } from '../../config/load.js';
import { signLoginLink } from '../auth/login-link.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const LOGIN_LINK_TTL_MS = 15 * 60_000;

/**
 * `boundary user login-link --email ADDRESS`: a one-time sign-in link for self-hosting, where no
 * Google or Microsoft app may be configured. The link is signed with the session secret, so this
 * command needs no database and works while the service runs; the account is created on first use.
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
  const now = io.now?.().toJSDate() ?? new Date();
  const { token, expiresAt } = signLoginLink(config.sessionSecret, values.email, now, LOGIN_LINK_TTL_MS);
  io.out(`Sign in as ${values.email.toLowerCase()} (works once, until ${expiresAt.toISOString()}):`);
  io.out(`${config.publicUrl}/login/${token}`);
  return 0;
}
