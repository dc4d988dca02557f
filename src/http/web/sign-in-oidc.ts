import type { Config } from '../../../config/load.js';
import type { ProviderKind } from '../../domain/message.js';
import { OAuthFlowError, beginOAuth, oauthKit, redeemState, type FlowWords } from '../../pipeline/oauth-flow.js';
import type { Grant, OAuthIdentity, OAuthKit } from '../../providers/registry.js';
import { ProviderError } from '../../providers/types.js';
import type { Db } from '../../storage/db.js';
import { liveOAuthStates } from '../../storage/oauth-states.js';
import type { TokenCipher } from '../../auth/token-cipher.js';
import { listUserAccounts } from '../../storage/accounts.js';
import { linkIdentity, userOfIdentity } from '../../storage/identities.js';
import { findUser, findUserByEmail, upsertUser, type User } from '../../storage/users.js';

/**
 * "Sign in with Google / Microsoft": OpenID Connect through the same OAuth apps and the same flow
 * (oauth-flow.ts) that connect mailboxes, asking only for identity (no mail scopes, no offline
 * access). State is single-use and bound to the provider and the 'sign-in' purpose.
 */

/**
 * Anyone may start a sign-in, and each start stores a state row for ten minutes: the rate limit
 * bounds one source, this bounds them all together. Far above what a self-hosted install sees.
 */
export const MAX_OPEN_SIGN_INS = 1_000;

/** Sign-in refusals are the flow's refusals. */
export const SignInError = OAuthFlowError;

const WORDS: FlowWords = {
  notConfigured: (kit) => `Sign-in with ${kit.label} is not configured on this server.`,
  noState: 'The sign-in response has no state. Start again from the sign-in page.',
  expired: 'This sign-in link has expired or was already used. Start again from the sign-in page.',
  declined: 'You cancelled the sign-in.',
  refused: (error) => `The provider refused the sign-in (${error}).`,
  noCode: 'The sign-in response has no authorization code.',
};

export async function startSignIn(db: Db, config: Config, provider: ProviderKind, now: Date): Promise<string> {
  oauthKit(config, provider, WORDS); // an unconfigured provider is refused before anything is counted or saved
  if ((await liveOAuthStates(db, 'sign-in', now)) >= MAX_OPEN_SIGN_INS) throw new SignInError('Too many sign-ins are in progress right now. Try again in a few minutes.');
  return beginOAuth(db, config, { kind: provider, purpose: 'sign-in', userId: null, now, words: WORDS });
}

/** The callback: checks state, redeems the code, and returns the (possibly new) user. */
export async function finishSignIn(
  db: Db,
  config: Config,
  cipher: TokenCipher,
  provider: ProviderKind,
  q: { code?: string; state?: string; error?: string },
  now: Date,
): Promise<User> {
  const { kit, exchange } = await redeemState(db, config, { kind: provider, purpose: 'sign-in', q, now, words: WORDS });
  let who: OAuthIdentity;
  try {
    who = await kit.identity(config, exchange);
  } catch (err) {
    if (err instanceof ProviderError && err.kind === 'permanent') throw new SignInError(err.message);
    throw err;
  }
  // A provider that proves its accounts by id, not by address, signs in only to a linked user.
  if (kit.provenSubject) return linkedUser(db, cipher, provider, kit, who);
  // An unverified address could belong to someone else: never sign in on it.
  if (!who.emailVerified) throw new SignInError(`${kit.label} has not verified this email address, so it cannot be used to sign in.`);
  return verifiedUser(db, config, kit.label, who);
}

/** With SIGN_UP=invite a verified address signs in only to a user that already exists. */
async function verifiedUser(db: Db, config: Config, label: string, who: OAuthIdentity): Promise<User> {
  if (config.signUp === 'open') return upsertUser(db, { email: who.email, ...(who.name ? { name: who.name } : {}) });
  const existing = await findUserByEmail(db, who.email);
  if (existing) return existing;
  throw new SignInError(`This ${label} address has no Boundary user, and this server does not let people sign themselves up. Ask its administrator to create one with \`boundary user create\`.`);
}

/**
 * Microsoft's username (preferred_username) is whatever the account's tenant says, so it proves
 * nothing about the address: a tenant could name anyone's. Sign-in therefore goes by the
 * immutable account id, and only to a user who proved the account is theirs by connecting its
 * mailbox (which links it). It never creates a user either: one created on an unproven address
 * would be waiting for its real owner to sign in to it another way.
 */
async function linkedUser(db: Db, cipher: TokenCipher, provider: ProviderKind, kit: OAuthKit, who: OAuthIdentity): Promise<User> {
  const linked = await userOfIdentity(db, provider, who.subject);
  const linkedUser = linked ? await findUser(db, linked) : undefined;
  if (linkedUser) return linkedUser;
  const existing = await findUserByEmail(db, who.email);
  if (existing && (await connectedSubjects(db, cipher, provider, kit, existing.id)).includes(who.subject)) {
    await linkIdentity(db, provider, who.subject, existing.id);
    return existing;
  }
  throw new SignInError(
    `This ${kit.label} account is not linked to Boundary yet. Sign in another way (Google, or a sign-in link from \`npm run boundary -- user login-link\`), connect this ${kit.label} mailbox on the Accounts page, and Sign in with ${kit.label} works from then on.`,
  );
}

/** The provider accounts (Microsoft home account ids) whose mailboxes this user connected. */
async function connectedSubjects(db: Db, cipher: TokenCipher, provider: ProviderKind, kit: OAuthKit, userId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const account of await listUserAccounts(db, userId)) {
    if (account.provider !== provider) continue;
    try {
      const subject = kit.provenSubject?.(JSON.parse(cipher.open(account.tokens)) as Grant);
      if (typeof subject === 'string') ids.push(subject);
    } catch {
      // A grant sealed with a key no longer configured proves nothing; skip it.
    }
  }
  return ids;
}
