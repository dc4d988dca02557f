import { randomBytes } from 'node:crypto';
import type { Config } from '../../../config/load.js';
import { msalOptions } from '../../pipeline/providers.js';
import { createGoogleOAuthClient, createPkce, verifyGoogleIdToken, type GoogleOAuthClient } from '../../providers/gmail/oauth.js';
import { createMsalClient, exchangeMicrosoftCode, microsoftAuthUrl } from '../../providers/outlook/oauth.js';
import { ProviderError } from '../../providers/types.js';
import type { Db } from '../../storage/db.js';
import { liveOAuthStates, saveOAuthState, takeOAuthState } from '../../storage/oauth-states.js';
import type { TokenCipher } from '../../auth/token-cipher.js';
import { listUserAccounts } from '../../storage/accounts.js';
import { linkIdentity, userOfIdentity } from '../../storage/identities.js';
import { findUser, findUserByEmail, upsertUser, type User } from '../../storage/users.js';

/**
 * "Sign in with Google / Microsoft": OpenID Connect through the same OAuth apps that connect
 * mailboxes, asking only for identity (no mail scopes, no offline access). State is single-use
 * and bound to the provider and the 'sign-in' purpose; the code is redeemed with the PKCE verifier.
 */
export type SignInProvider = 'google' | 'microsoft';

const STATE_TTL_MS = 10 * 60_000;
/**
 * Anyone may start a sign-in, and each start stores a state row for ten minutes: the rate limit
 * bounds one source, this bounds them all together. Far above what a self-hosted install sees.
 */
export const MAX_OPEN_SIGN_INS = 1_000;
const GOOGLE_SCOPES = ['openid', 'email', 'profile'];
const MICROSOFT_SCOPES = ['openid', 'profile', 'email', 'User.Read'];

export class SignInError extends Error {
  override readonly name = 'SignInError';
}

export const signInRedirectUri = (config: Config, provider: SignInProvider) => `${config.publicUrl}/login/${provider}/callback`;

function googleClient(config: Config): GoogleOAuthClient {
  const g = config.google;
  if (!g) throw new SignInError('Sign-in with Google is not configured on this server.');
  return createGoogleOAuthClient({
    clientId: g.clientId,
    clientSecret: g.clientSecret,
    redirectUri: signInRedirectUri(config, 'google'),
    endpoints: { tokenUrl: g.tokenUrl, authUrl: g.authUrl, revokeUrl: g.revokeUrl, certsUrl: g.certsUrl },
  });
}

export async function startSignIn(db: Db, config: Config, provider: SignInProvider, now: Date): Promise<string> {
  if (provider === 'microsoft' && !config.microsoft) throw new SignInError('Sign-in with Microsoft is not configured on this server.');
  const google = provider === 'google' ? googleClient(config) : null;
  if ((await liveOAuthStates(db, 'sign-in', now)) >= MAX_OPEN_SIGN_INS) throw new SignInError('Too many sign-ins are in progress right now. Try again in a few minutes.');
  const state = randomBytes(24).toString('base64url');
  const { codeVerifier, codeChallenge } = createPkce();
  await saveOAuthState(db, { state, userId: null, provider, purpose: 'sign-in', codeVerifier }, new Date(now.getTime() + STATE_TTL_MS));
  if (google) {
    return google.generateAuthUrl({ scope: GOOGLE_SCOPES, state, code_challenge: codeChallenge, code_challenge_method: 'S256' as never, prompt: 'select_account' });
  }
  return microsoftAuthUrl(createMsalClient(msalOptions(config)), { redirectUri: signInRedirectUri(config, 'microsoft'), scopes: MICROSOFT_SCOPES, state, codeChallenge });
}

/** The callback: checks state, redeems the code, and returns the (possibly new) user. */
export async function finishSignIn(
  db: Db,
  config: Config,
  cipher: TokenCipher,
  provider: SignInProvider,
  q: { code?: string; state?: string; error?: string },
  now: Date,
): Promise<User> {
  if (!q.state) throw new SignInError('The sign-in response has no state. Start again from the sign-in page.');
  const saved = await takeOAuthState(db, q.state, now);
  if (!saved || saved.provider !== provider || saved.purpose !== 'sign-in') {
    throw new SignInError('This sign-in link has expired or was already used. Start again from the sign-in page.');
  }
  if (q.error) throw new SignInError(q.error === 'access_denied' ? 'You cancelled the sign-in.' : `The provider refused the sign-in (${q.error}).`);
  if (!q.code) throw new SignInError('The sign-in response has no authorization code.');
  if (provider === 'google') return googleUser(db, config, await googleIdentity(config, q.code, saved.codeVerifier));
  return microsoftUser(db, cipher, await microsoftIdentity(config, q.code, saved.codeVerifier));
}

/** With SIGN_UP=invite a Google address signs in only to a user that already exists. */
async function googleUser(db: Db, config: Config, who: { email: string; name?: string }): Promise<User> {
  if (config.signUp === 'open') return upsertUser(db, who);
  const existing = await findUserByEmail(db, who.email);
  if (existing) return existing;
  throw new SignInError('This Google address has no Boundary user, and this server does not let people sign themselves up. Ask its administrator to create one with `boundary user create`.');
}

/**
 * Microsoft's username (preferred_username) is whatever the account's tenant says, so it proves
 * nothing about the address: a tenant could name anyone's. Sign-in therefore goes by the
 * immutable account id, and only to a user who proved the account is theirs by connecting its
 * mailbox (which links it). It never creates a user either: one created on an unproven address
 * would be waiting for its real owner to sign in to it another way.
 */
async function microsoftUser(db: Db, cipher: TokenCipher, who: { email: string; subject: string }): Promise<User> {
  const linked = await userOfIdentity(db, 'microsoft', who.subject);
  const linkedUser = linked ? await findUser(db, linked) : undefined;
  if (linkedUser) return linkedUser;
  const existing = await findUserByEmail(db, who.email);
  if (existing && (await connectedMicrosoftIds(db, cipher, existing.id)).includes(who.subject)) {
    await linkIdentity(db, 'microsoft', who.subject, existing.id);
    return existing;
  }
  throw new SignInError(
    'This Microsoft account is not linked to Boundary yet. Sign in another way (Google, or a sign-in link from `npm run boundary -- user login-link`), connect this Microsoft mailbox on the Accounts page, and Sign in with Microsoft works from then on.',
  );
}

/** The Microsoft accounts (home account ids) whose mailboxes this user connected. */
async function connectedMicrosoftIds(db: Db, cipher: TokenCipher, userId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const account of await listUserAccounts(db, userId)) {
    if (account.provider !== 'microsoft') continue;
    try {
      const grant = JSON.parse(cipher.open(account.tokens)) as { homeAccountId?: unknown };
      if (typeof grant.homeAccountId === 'string') ids.push(grant.homeAccountId);
    } catch {
      // A grant sealed with a key no longer configured proves nothing; skip it.
    }
  }
  return ids;
}

async function googleIdentity(config: Config, code: string, codeVerifier: string): Promise<{ email: string; name?: string }> {
  const client = googleClient(config);
  let idToken: string | null | undefined;
  try {
    ({ tokens: { id_token: idToken } } = await client.getToken({ code, codeVerifier }));
  } catch {
    throw new SignInError('Google did not accept the sign-in code. Start again from the sign-in page.');
  }
  if (!idToken) throw new SignInError('Google returned no identity for this sign-in.');
  const who = await verifyGoogleIdToken(client, idToken, { audience: config.google!.clientId });
  // An unverified address could belong to someone else: never sign in on it.
  if (!who.emailVerified) throw new SignInError('Google has not verified this email address, so it cannot be used to sign in.');
  return { email: who.email, ...(who.name ? { name: who.name } : {}) };
}

async function microsoftIdentity(config: Config, code: string, codeVerifier: string): Promise<{ email: string; subject: string }> {
  try {
    const grant = await exchangeMicrosoftCode(createMsalClient(msalOptions(config)), { code, redirectUri: signInRedirectUri(config, 'microsoft'), codeVerifier, scopes: MICROSOFT_SCOPES });
    if (!grant.username.includes('@')) throw new SignInError('Microsoft returned no email address for this account.');
    return { email: grant.username.toLowerCase(), subject: grant.homeAccountId };
  } catch (err) {
    if (err instanceof SignInError) throw err;
    throw new SignInError(err instanceof ProviderError ? 'Microsoft did not accept the sign-in. Start again from the sign-in page.' : 'Sign-in with Microsoft failed.');
  }
}
