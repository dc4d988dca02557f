import { ConfidentialClientApplication, type ICachePlugin } from '@azure/msal-node';
import { ProviderError } from '../types.js';

/**
 * Microsoft sign-in with MSAL's ConfidentialClientApplication: authorization code + PKCE, then
 * silent refresh from the account's serialized MSAL token cache (the caller stores it encrypted).
 * Authority metadata can be injected so MSAL makes no discovery requests (and can point at an
 * emulator). Tokens never leave these functions except to the caller; nothing is logged.
 */

export const MICROSOFT_SCOPES = ['offline_access', 'Mail.ReadWrite', 'Mail.Send', 'Calendars.ReadWrite', 'MailboxSettings.Read', 'User.Read'];

export interface MsalClientOptions {
  clientId: string;
  clientSecret: string;
  /** e.g. https://login.microsoftonline.com/common */
  authority: string;
  /** OpenID configuration JSON (skips the .well-known request). */
  authorityMetadata?: string;
  /** Instance discovery JSON (skips login.microsoftonline.com/common/discovery/instance). */
  cloudDiscoveryMetadata?: string;
  /** Authorities trusted without instance discovery (a self-hosted or emulated identity platform). */
  knownAuthorities?: string[];
  cachePlugin?: ICachePlugin;
}

export function createMsalClient(opts: MsalClientOptions): ConfidentialClientApplication {
  for (const key of ['clientId', 'clientSecret', 'authority'] as const) {
    if (!opts[key]) throw new Error(`createMsalClient: ${key} is required`);
  }
  return new ConfidentialClientApplication({
    auth: {
      clientId: opts.clientId,
      clientSecret: opts.clientSecret,
      authority: opts.authority,
      ...(opts.authorityMetadata ? { authorityMetadata: opts.authorityMetadata } : {}),
      ...(opts.cloudDiscoveryMetadata ? { cloudDiscoveryMetadata: opts.cloudDiscoveryMetadata } : {}),
      ...(opts.knownAuthorities ? { knownAuthorities: opts.knownAuthorities } : {}),
    },
    ...(opts.cachePlugin ? { cache: { cachePlugin: opts.cachePlugin } } : {}),
    system: { loggerOptions: { piiLoggingEnabled: false } },
  });
}

export function microsoftAuthUrl(
  client: ConfidentialClientApplication,
  p: { redirectUri: string; scopes?: string[]; state: string; codeChallenge: string },
): Promise<string> {
  return client.getAuthCodeUrl({
    redirectUri: p.redirectUri,
    scopes: p.scopes ?? MICROSOFT_SCOPES,
    state: p.state,
    codeChallenge: p.codeChallenge,
    codeChallengeMethod: 'S256',
    prompt: 'select_account',
  });
}

export interface MicrosoftGrant {
  /** MSAL's serialized token cache for this account: encrypt before storing. */
  cache: string;
  homeAccountId: string;
  username: string;
}

function translate(err: unknown, what: string): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = err as { errorCode?: string; subError?: string; name?: string; message?: string };
  const code = e.errorCode ?? '';
  const detail = `${what}: ${code || e.name || 'error'}`;
  if (code === 'invalid_grant' || code === 'interaction_required' || code === 'no_tokens_found' || code === 'consent_required' || e.name === 'InteractionRequiredAuthError') {
    return new ProviderError('auth_revoked', detail, undefined, { cause: err });
  }
  if (/network|timeout|ECONN|fetch failed/i.test(`${code} ${e.message ?? ''}`)) return new ProviderError('transient', detail, undefined, { cause: err });
  if (code === 'temporarily_unavailable' || code === 'server_error') return new ProviderError('transient', detail, undefined, { cause: err });
  return new ProviderError('permanent', detail, undefined, { cause: err });
}

export async function exchangeMicrosoftCode(
  client: ConfidentialClientApplication,
  p: { code: string; redirectUri: string; codeVerifier: string; scopes?: string[] },
): Promise<MicrosoftGrant> {
  try {
    const result = await client.acquireTokenByCode({ code: p.code, redirectUri: p.redirectUri, codeVerifier: p.codeVerifier, scopes: p.scopes ?? MICROSOFT_SCOPES });
    if (!result.account) throw new ProviderError('permanent', 'exchangeMicrosoftCode: the token response named no account');
    return { cache: client.getTokenCache().serialize(), homeAccountId: result.account.homeAccountId, username: result.account.username };
  } catch (err) {
    throw translate(err, 'exchangeMicrosoftCode');
  }
}

export interface SilentToken {
  accessToken: string;
  expiresOn: string | null;
  /** The cache after refresh (rotated refresh token): store it again. */
  cache: string;
}

/** Access token from the stored cache, refreshing when needed; revoked consent → auth_revoked. */
export async function acquireTokenSilently(
  serializedCache: string,
  p: { msal: MsalClientOptions; homeAccountId: string; scopes?: string[]; forceRefresh?: boolean },
): Promise<SilentToken> {
  const client = createMsalClient(p.msal);
  try {
    const cache = client.getTokenCache();
    cache.deserialize(serializedCache);
    const account = await cache.getAccountByHomeId(p.homeAccountId);
    if (!account) throw new ProviderError('auth_revoked', 'acquireTokenSilently: the token cache has no such account');
    const result = await client.acquireTokenSilent({ account, scopes: p.scopes ?? MICROSOFT_SCOPES.filter((s) => s !== 'offline_access'), forceRefresh: p.forceRefresh ?? false });
    return { accessToken: result.accessToken, expiresOn: result.expiresOn?.toISOString() ?? null, cache: cache.serialize() };
  } catch (err) {
    throw translate(err, 'acquireTokenSilently');
  }
}
