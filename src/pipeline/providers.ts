import { createHmac } from 'node:crypto';
import type { Config } from '../../config/load.js';
import type { TokenCipher } from '../auth/token-cipher.js';
import { createGmailProvider } from '../providers/gmail/index.js';
import { createGoogleOAuthClient, revokeGoogleToken, type GoogleOAuthClient, type GoogleTokens } from '../providers/gmail/oauth.js';
import { acquireTokenSilently, type MsalClientOptions } from '../providers/outlook/oauth.js';
import { createOutlookProvider } from '../providers/outlook/provider.js';
import { createImapProvider } from '../providers/imap/provider.js';
import type { ImapAccess, ImapGrant } from '../providers/imap/settings.js';
import { ProviderError, type CallGate } from '../providers/types.js';
import { updateTokens, type AccountRow } from '../storage/accounts.js';
import type { Db } from '../storage/db.js';
import type { ConnectedProvider, ProviderFactory } from './context.js';

/** What is sealed in accounts.tokens, per provider. */
export type StoredGrant =
  | { provider: 'google'; tokens: GoogleTokens }
  | { provider: 'microsoft'; cache: string; homeAccountId: string }
  | ImapGrant;

/**
 * A per-mailbox webhook secret (Graph clientState, Calendar channel token). Derived from the
 * session secret and the mailbox, so it survives reconnects and is never stored.
 */
export function webhookSecret(sessionSecret: Buffer, provider: string, address: string, purpose: string): string {
  return createHmac('sha256', sessionSecret).update(`${purpose}:${provider}:${address.toLowerCase()}`).digest('base64url');
}

export function msalOptions(config: Config): MsalClientOptions {
  if (!config.microsoft) throw new ProviderError('permanent', 'Microsoft is not configured (MICROSOFT_CLIENT_ID is unset)');
  const { clientId, clientSecret, authority } = config.microsoft;
  const host = new URL(authority).host;
  // Microsoft's own clouds are discovered as usual; any other authority is trusted as configured.
  const knownAuthorities = /(^|\.)microsoftonline\.(com|us|de)$|(^|\.)chinacloudapi\.cn$/.test(host) ? undefined : [host];
  return { clientId, clientSecret, authority, ...(knownAuthorities ? { knownAuthorities } : {}) };
}

export function googleOAuthClient(config: Config, tokens?: GoogleTokens, onTokens?: (t: GoogleTokens) => void): GoogleOAuthClient {
  const g = config.google;
  if (!g) throw new ProviderError('permanent', 'Google is not configured (GOOGLE_CLIENT_ID is unset)');
  return createGoogleOAuthClient({
    clientId: g.clientId,
    clientSecret: g.clientSecret,
    redirectUri: `${config.publicUrl}/connect/google/callback`,
    endpoints: { tokenUrl: g.tokenUrl, authUrl: g.authUrl, revokeUrl: g.revokeUrl, certsUrl: g.certsUrl },
    ...(tokens ? { tokens } : {}),
    ...(onTokens ? { onTokens } : {}),
  });
}

/** A provider client for a grant. `onGrant` persists refreshed or rotated credentials. */
export function providerForGrant(config: Config, grant: StoredGrant, address: string, now: () => Date, onGrant: (g: StoredGrant) => Promise<void>, gate?: CallGate): ConnectedProvider {
  if (grant.provider === 'imap') {
    const { username, password, servers } = grant;
    return createImapProvider({ address, username, password, servers, now, ...(config.imapExtraCa ? { ca: config.imapExtraCa } : {}) });
  }
  if (grant.provider === 'google') {
    const auth = googleOAuthClient(config, grant.tokens, (fresh) => {
      // Google may rotate tokens on refresh: keep the newest, sealed.
      grant.tokens = { ...grant.tokens, ...fresh };
      void onGrant(grant).catch(() => {});
    });
    return createGmailProvider({
      rootUrl: config.google!.apiRootUrl,
      calendarRootUrl: config.google!.calendarRootUrl,
      auth,
      pubsubTopic: config.google!.pubsubTopic ?? '',
      calendarWebhookUrl: `${config.publicUrl}/webhooks/google/calendar`,
      channelToken: webhookSecret(config.sessionSecret, 'google', address, 'calendar-channel'),
      now,
      gate,
    });
  }
  const msal = msalOptions(config);
  return createOutlookProvider({
    baseUrl: config.microsoft!.graphUrl,
    getAccessToken: async () => {
      const token = await acquireTokenSilently(grant.cache, { msal, homeAccountId: grant.homeAccountId });
      if (token.cache !== grant.cache) {
        grant.cache = token.cache;
        await onGrant(grant);
      }
      return token.accessToken;
    },
    notificationUrl: `${config.publicUrl}/webhooks/microsoft`,
    lifecycleUrl: `${config.publicUrl}/webhooks/microsoft/lifecycle`,
    clientState: webhookSecret(config.sessionSecret, 'microsoft', address, 'graph-client-state'),
    now,
    ...(gate ? { gate } : {}),
  });
}

/** `gate` gives each account's client the pause it shares with every other job of that account. */
export function createProviderFactory(deps: { config: Config; cipher: TokenCipher; db: Db; now: () => Date; gate?: (accountId: string) => CallGate }): ProviderFactory {
  const { config, cipher, db, now } = deps;
  return async (account: AccountRow) => {
    const grant = JSON.parse(cipher.open(account.tokens)) as StoredGrant;
    return providerForGrant(config, grant, account.address, now, (g) => updateTokens(db, account.id, cipher.seal(JSON.stringify(g))), deps.gate?.(account.id));
  };
}

/** How to reach an IMAP account's servers, from its sealed grant; null for other kinds. */
export function imapAccessOf(config: Config, cipher: TokenCipher, account: AccountRow): ImapAccess | null {
  const grant = JSON.parse(cipher.open(account.tokens)) as StoredGrant;
  if (grant.provider !== 'imap') return null;
  return { address: account.address, username: grant.username, password: grant.password, servers: grant.servers, ...(config.imapExtraCa ? { ca: config.imapExtraCa } : {}) };
}

/** Revokes what can be revoked: Google tokens have a revocation endpoint; an MSAL cache is simply deleted with the account. */
export async function revokeGrant(config: Config, cipher: TokenCipher, account: AccountRow): Promise<void> {
  const grant = JSON.parse(cipher.open(account.tokens)) as StoredGrant;
  if (grant.provider !== 'google') return;
  const token = grant.tokens.refresh_token ?? grant.tokens.access_token;
  if (token) await revokeGoogleToken(googleOAuthClient(config), token);
}
