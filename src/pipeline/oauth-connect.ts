import { randomBytes } from 'node:crypto';
import type { Config } from '../../config/load.js';
import { createPkce, exchangeGoogleCode, googleAuthUrl } from '../providers/gmail/oauth.js';
import { createMsalClient, exchangeMicrosoftCode, microsoftAuthUrl } from '../providers/outlook/oauth.js';
import { ProviderError } from '../providers/types.js';
import type { AccountRow } from '../storage/accounts.js';
import { linkIdentity } from '../storage/identities.js';
import { saveOAuthState, takeOAuthState } from '../storage/oauth-states.js';
import { connectAccount } from './connect-account.js';
import type { PipelineContext } from './context.js';
import { googleOAuthClient, msalOptions, providerForGrant, type StoredGrant } from './providers.js';
import { offerOutlookSchedule } from './starting-schedule.js';

const STATE_TTL_MS = 10 * 60_000;

export type Provider = 'google' | 'microsoft';

export class OAuthFlowError extends Error {
  override readonly name = 'OAuthFlowError';
}

export const redirectUri = (config: Config, provider: Provider) => `${config.publicUrl}/connect/${provider}/callback`;

/** Starts the authorization-code flow with PKCE, with a state bound to the user that expires. */
export async function startConnect(ctx: PipelineContext, config: Config, provider: Provider, userId: string): Promise<string> {
  // Check configuration first, so a refused start leaves no state behind.
  if (provider === 'google' && !config.google) throw new OAuthFlowError('Google is not configured on this server (GOOGLE_CLIENT_ID is unset).');
  if (provider === 'microsoft' && !config.microsoft) throw new OAuthFlowError('Microsoft is not configured on this server (MICROSOFT_CLIENT_ID is unset).');
  const state = randomBytes(24).toString('base64url');
  const { codeVerifier, codeChallenge } = createPkce();
  await saveOAuthState(ctx.db, { state, userId, provider, purpose: 'connect', codeVerifier }, new Date(ctx.now().getTime() + STATE_TTL_MS));
  if (provider === 'google') {
    const g = config.google!;
    return googleAuthUrl({ clientId: g.clientId, redirectUri: redirectUri(config, 'google'), scopes: g.scopes, state, codeChallenge, authUrl: g.authUrl });
  }
  return microsoftAuthUrl(createMsalClient(msalOptions(config)), { redirectUri: redirectUri(config, 'microsoft'), scopes: config.microsoft!.scopes, state, codeChallenge });
}

/**
 * The callback: the state must exist, be unexpired, match the provider and be used once. The code
 * is exchanged with the PKCE verifier, then the account is connected. Any failure saves nothing.
 */
export async function finishConnect(
  ctx: PipelineContext,
  config: Config,
  provider: Provider,
  q: { code?: string; state?: string; error?: string; error_description?: string },
  signedIn: string,
): Promise<AccountRow> {
  if (!q.state) throw new OAuthFlowError('The sign-in response has no state. Start again from the Accounts page.');
  const saved = await takeOAuthState(ctx.db, q.state, ctx.now());
  if (!saved || saved.provider !== provider || saved.purpose !== 'connect' || !saved.userId) {
    throw new OAuthFlowError('This connection link has expired or was already used. Start again from the Accounts page.');
  }
  // The mailbox goes to whoever is signed in here, and only if that is who started the flow:
  // a connect link handed to someone else must not attach their mailbox to the sender's account.
  if (saved.userId !== signedIn) {
    throw new OAuthFlowError('This connection was started by a different Boundary user, so nothing was connected. Start again from your own Accounts page.');
  }
  if (q.error) {
    throw new OAuthFlowError(q.error === 'access_denied' ? 'You declined access, so nothing was connected. You can try again any time.' : `The provider refused the connection (${q.error}).`);
  }
  if (!q.code) throw new OAuthFlowError('The sign-in response has no authorization code.');
  const grant: StoredGrant =
    provider === 'google'
      ? { provider, tokens: await exchangeGoogleCode(googleOAuthClient(config), q.code, saved.codeVerifier) }
      : await microsoftGrant(config, q.code, saved.codeVerifier);
  const probe = providerForGrant(config, grant, 'pending', ctx.now, async () => {});
  const { address } = await probe.profile();
  const client = providerForGrant(config, grant, address, ctx.now, async () => {});
  const pushEnabled = provider === 'microsoft' || Boolean(config.google?.pubsubTopic);
  const account = await connectAccount(ctx, { userId: saved.userId, provider, sealedTokens: ctx.cipher.seal(JSON.stringify(grant)), client, pushEnabled, pollIntervalSeconds: config.pollIntervalSeconds });
  if (grant.provider === 'microsoft') {
    // The user proved this Microsoft account is theirs: from now on it signs them in.
    await linkIdentity(ctx.db, 'microsoft', grant.homeAccountId, saved.userId);
    await offerOutlookSchedule(ctx, config, saved.userId, grant);
  }
  return account;
}

async function microsoftGrant(config: Config, code: string, codeVerifier: string): Promise<StoredGrant> {
  const msal = createMsalClient(msalOptions(config));
  const g = await exchangeMicrosoftCode(msal, { code, redirectUri: redirectUri(config, 'microsoft'), codeVerifier, scopes: config.microsoft!.scopes });
  return { provider: 'microsoft', cache: g.cache, homeAccountId: g.homeAccountId };
}

export function isUserFacing(err: unknown): err is OAuthFlowError | ProviderError {
  return err instanceof OAuthFlowError || (err instanceof ProviderError && err.kind === 'permanent');
}
