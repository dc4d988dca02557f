import { createHmac } from 'node:crypto';
import type { Config } from '../../config/load.js';
import type { TokenCipher } from '../auth/token-cipher.js';
import { createGmailProvider } from '../providers/gmail/index.js';
import { createGoogleOAuthClient, type GoogleTokens } from '../providers/gmail/oauth.js';
import { acquireTokenSilently, type MsalClientOptions } from '../providers/outlook/oauth.js';
import { createOutlookProvider } from '../providers/outlook/provider.js';
import { ProviderError } from '../providers/types.js';
import { updateTokens, type AccountRow } from '../storage/accounts.js';
import type { Db } from '../storage/db.js';
import type { ProviderFactory } from './context.js';

/** What is sealed in accounts.tokens, per provider. */
export type StoredGrant =
  | { provider: 'google'; tokens: GoogleTokens }
  | { provider: 'microsoft'; cache: string; homeAccountId: string };

/** A per-account secret for webhooks (Graph clientState, Calendar channel token), derivable, never stored. */
export function webhookSecret(sessionSecret: Buffer, accountId: string, purpose: string): string {
  return createHmac('sha256', sessionSecret).update(`${purpose}:${accountId}`).digest('base64url');
}

export function msalOptions(config: Config): MsalClientOptions {
  if (!config.microsoft) throw new ProviderError('permanent', 'Microsoft is not configured (MICROSOFT_CLIENT_ID is unset)');
  return { clientId: config.microsoft.clientId, clientSecret: config.microsoft.clientSecret, authority: config.microsoft.authority };
}

export function createProviderFactory(deps: { config: Config; cipher: TokenCipher; db: Db; now: () => Date }): ProviderFactory {
  const { config, cipher, db, now } = deps;
  return async (account: AccountRow) => {
    const grant = JSON.parse(cipher.open(account.tokens)) as StoredGrant;
    if (grant.provider === 'google') {
      if (!config.google) throw new ProviderError('permanent', 'Google is not configured (GOOGLE_CLIENT_ID is unset)');
      const g = config.google;
      const auth = createGoogleOAuthClient({
        clientId: g.clientId,
        clientSecret: g.clientSecret,
        redirectUri: `${config.publicUrl}/connect/google/callback`,
        endpoints: { tokenUrl: g.tokenUrl, authUrl: g.authUrl, revokeUrl: g.revokeUrl, certsUrl: g.certsUrl },
        tokens: grant.tokens,
        // Google may rotate tokens on refresh: keep the newest, sealed.
        onTokens: (fresh) => {
          grant.tokens = { ...grant.tokens, ...fresh };
          void updateTokens(db, account.id, cipher.seal(JSON.stringify(grant))).catch(() => {});
        },
      });
      return createGmailProvider({
        rootUrl: g.apiRootUrl,
        calendarRootUrl: g.calendarRootUrl,
        auth,
        pubsubTopic: g.pubsubTopic ?? '',
        calendarWebhookUrl: `${config.publicUrl}/webhooks/google/calendar`,
        channelToken: webhookSecret(config.sessionSecret, account.id, 'calendar-channel'),
        now,
      });
    }
    const msal = msalOptions(config);
    return createOutlookProvider({
      baseUrl: config.microsoft!.graphUrl,
      getAccessToken: async () => {
        const token = await acquireTokenSilently(grant.cache, { msal, homeAccountId: grant.homeAccountId });
        if (token.cache !== grant.cache) {
          grant.cache = token.cache;
          await updateTokens(db, account.id, cipher.seal(JSON.stringify(grant)));
        }
        return token.accessToken;
      },
      notificationUrl: `${config.publicUrl}/webhooks/microsoft`,
      lifecycleUrl: `${config.publicUrl}/webhooks/microsoft/lifecycle`,
      clientState: webhookSecret(config.sessionSecret, account.id, 'graph-client-state'),
      now,
    });
  };
}
