import type { Config } from '../../../config/load.js';
import type { OAuthKit, ProviderKit } from '../kit.js';
import { ProviderError } from '../types.js';
import { secretMatches, webhookSecret } from '../webhook-secret.js';
import type { MsalClientOptions } from './oauth.js';
import { parseGraphNotification } from './webhook.js';

// MSAL and the Graph client load when a Microsoft account or sign-in is first used, not when the
// server starts: a server with only Gmail or IMAP mailboxes never loads them.
const msalSdk = () => import('./oauth.js');

export interface MicrosoftStoredGrant {
  provider: 'microsoft';
  /** MSAL's serialized token cache. */
  cache: string;
  homeAccountId: string;
}

const SIGN_IN_SCOPES = ['openid', 'profile', 'email', 'User.Read'];

function configOf(config: Config): NonNullable<Config['microsoft']> {
  if (!config.microsoft) throw new ProviderError('permanent', 'Microsoft is not configured (MICROSOFT_CLIENT_ID is unset)');
  return config.microsoft;
}

export function msalOptions(config: Config): MsalClientOptions {
  const { clientId, clientSecret, authority } = configOf(config);
  const host = new URL(authority).host;
  // Microsoft's own clouds are discovered as usual; any other authority is trusted as configured.
  const knownAuthorities = /(^|\.)microsoftonline\.(com|us|de)$|(^|\.)chinacloudapi\.cn$/.test(host) ? undefined : [host];
  return { clientId, clientSecret, authority, ...(knownAuthorities ? { knownAuthorities } : {}) };
}

/** An access token from the grant's cache; a rotated cache is handed to `onCache`. */
function tokenSource(config: Config, grant: MicrosoftStoredGrant, onCache: () => Promise<void>): () => Promise<string> {
  const msal = msalOptions(config);
  return async () => {
    const { acquireTokenSilently } = await msalSdk();
    const token = await acquireTokenSilently(grant.cache, { msal, homeAccountId: grant.homeAccountId });
    if (token.cache !== grant.cache) {
      grant.cache = token.cache;
      await onCache();
    }
    return token.accessToken;
  };
}

const clientState = (config: Config, address: string) => webhookSecret(config.sessionSecret, 'microsoft', address, 'graph-client-state');

const oauth: OAuthKit<MicrosoftStoredGrant> = {
  label: 'Microsoft',
  mailbox: 'an Outlook',
  setting: 'MICROSOFT_CLIENT_ID',
  configured: (config) => Boolean(config.microsoft),
  async authUrl(config, p) {
    const { createMsalClient, microsoftAuthUrl } = await msalSdk();
    return microsoftAuthUrl(createMsalClient(msalOptions(config)), { redirectUri: p.redirectUri, scopes: p.purpose === 'connect' ? configOf(config).scopes : SIGN_IN_SCOPES, state: p.state, codeChallenge: p.codeChallenge });
  },
  async grant(config, p) {
    const { createMsalClient, exchangeMicrosoftCode } = await msalSdk();
    const g = await exchangeMicrosoftCode(createMsalClient(msalOptions(config)), { ...p, scopes: configOf(config).scopes });
    return { provider: 'microsoft', cache: g.cache, homeAccountId: g.homeAccountId };
  },
  async identity(config, p) {
    const { createMsalClient, exchangeMicrosoftCode } = await msalSdk();
    try {
      const grant = await exchangeMicrosoftCode(createMsalClient(msalOptions(config)), { ...p, scopes: SIGN_IN_SCOPES });
      if (!grant.username.includes('@')) throw new ProviderError('permanent', 'Microsoft returned no email address for this account.');
      // preferred_username is whatever the tenant says: it proves nothing about the address.
      return { email: grant.username.toLowerCase(), emailVerified: false, subject: grant.homeAccountId };
    } catch (err) {
      if (err instanceof ProviderError && err.message.startsWith('Microsoft returned')) throw err;
      throw new ProviderError('permanent', err instanceof ProviderError ? 'Microsoft did not accept the sign-in. Start again from the sign-in page.' : 'Sign-in with Microsoft failed.');
    }
  },
  provenSubject: (grant) => grant.homeAccountId,
};

/** Drafts need Mail.ReadWrite, which the connect scopes hold by default: no extra consent to ask for. */
const canWriteDrafts = (config: Config) => configOf(config).scopes.some((s) => s.toLowerCase() === 'mail.readwrite');

export const microsoftKit = {
  kind: 'microsoft',
  oauth,
  pushEnabled: () => true,
  drafting: { allowed: (_grant, config) => canWriteDrafts(config) },
  async client({ config, grant, address, now, onGrant, gate }) {
    const { createOutlookProvider } = await import('./provider.js');
    const provider = createOutlookProvider({
      baseUrl: configOf(config).graphUrl,
      getAccessToken: tokenSource(config, grant, () => onGrant(grant)),
      notificationUrl: `${config.publicUrl}/webhooks/microsoft`,
      lifecycleUrl: `${config.publicUrl}/webhooks/microsoft/lifecycle`,
      clientState: clientState(config, address),
      now,
      ...(gate ? { gate } : {}),
      draftWriter: canWriteDrafts(config),
    });
    return Object.assign(provider, { calendar: provider });
  },
  // An MSAL cache has nothing to revoke: it is deleted with the account.
  revoke: async () => {},
  async mailboxDefaults(config, grant, now) {
    const { importMailboxSettings } = await import('./mailbox-settings.js');
    return { source: 'Outlook', ...(await importMailboxSettings({ baseUrl: configOf(config).graphUrl, getAccessToken: tokenSource(config, { ...grant }, async () => {}), now })) };
  },
} satisfies ProviderKit<MicrosoftStoredGrant>;

/** How Graph's pushes are read and checked: clientState is a per-mailbox secret. */
export const microsoftPush = {
  parse: parseGraphNotification,
  clientStateMatches: (config: Config, address: string, given: string | null | undefined) => secretMatches(clientState(config, address), given),
};
