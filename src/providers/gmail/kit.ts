import type { Config } from '../../../config/load.js';
import type { OAuthKit, ProviderKit } from '../kit.js';
import { ProviderError } from '../types.js';
import { secretMatches, webhookSecret } from '../webhook-secret.js';
import {
  createGoogleOAuthClient, decodeGmailPush, exchangeGoogleCode, googleAuthUrl, revokeGoogleToken, verifyGoogleIdToken, verifyPubsubJwt,
  type GoogleOAuthClient, type GoogleTokens,
} from './oauth.js';
import { canHoldDrafts } from './held-drafts.js';
import { createGmailProvider } from './provider.js';

export interface GoogleGrant {
  provider: 'google';
  tokens: GoogleTokens;
}

const SIGN_IN_SCOPES = ['openid', 'email', 'profile'];

function configOf(config: Config): NonNullable<Config['google']> {
  if (!config.google) throw new ProviderError('permanent', 'Google is not configured (GOOGLE_CLIENT_ID is unset)');
  return config.google;
}

export function googleOAuthClient(config: Config, o: { redirectUri?: string; tokens?: GoogleTokens; onTokens?: (t: GoogleTokens) => void } = {}): GoogleOAuthClient {
  const g = configOf(config);
  return createGoogleOAuthClient({
    clientId: g.clientId,
    clientSecret: g.clientSecret,
    redirectUri: o.redirectUri ?? `${config.publicUrl}/connect/google/callback`,
    endpoints: { tokenUrl: g.tokenUrl, authUrl: g.authUrl, revokeUrl: g.revokeUrl, certsUrl: g.certsUrl },
    ...(o.tokens ? { tokens: o.tokens } : {}),
    ...(o.onTokens ? { onTokens: o.onTokens } : {}),
  });
}

const calendarChannelToken = (config: Config, address: string) => webhookSecret(config.sessionSecret, 'google', address, 'calendar-channel');

const oauth: OAuthKit<GoogleGrant> = {
  label: 'Google',
  mailbox: 'a Gmail',
  setting: 'GOOGLE_CLIENT_ID',
  configured: (config) => Boolean(config.google),
  async authUrl(config, p) {
    const g = configOf(config);
    if (p.purpose === 'connect') return googleAuthUrl({ clientId: g.clientId, redirectUri: p.redirectUri, scopes: g.scopes, state: p.state, codeChallenge: p.codeChallenge, authUrl: g.authUrl });
    return googleOAuthClient(config, { redirectUri: p.redirectUri }).generateAuthUrl({ scope: SIGN_IN_SCOPES, state: p.state, code_challenge: p.codeChallenge, code_challenge_method: 'S256' as never, prompt: 'select_account' });
  },
  async grant(config, p) {
    return { provider: 'google', tokens: await exchangeGoogleCode(googleOAuthClient(config, { redirectUri: p.redirectUri }), p.code, p.codeVerifier) };
  },
  async identity(config, p) {
    const client = googleOAuthClient(config, { redirectUri: p.redirectUri });
    let idToken: string | null | undefined;
    try {
      ({ tokens: { id_token: idToken } } = await client.getToken({ code: p.code, codeVerifier: p.codeVerifier }));
    } catch {
      throw new ProviderError('permanent', 'Google did not accept the sign-in code. Start again from the sign-in page.');
    }
    if (!idToken) throw new ProviderError('permanent', 'Google returned no identity for this sign-in.');
    const who = await verifyGoogleIdToken(client, idToken, { audience: configOf(config).clientId });
    return { email: who.email, emailVerified: who.emailVerified, subject: who.subject, ...(who.name ? { name: who.name } : {}) };
  },
};

export const googleKit = {
  kind: 'google',
  oauth,
  pushEnabled: (config) => Boolean(config.google?.pubsubTopic),
  client({ config, grant, address, now, onGrant, gate }) {
    const g = configOf(config);
    const auth = googleOAuthClient(config, {
      tokens: grant.tokens,
      onTokens: (fresh) => {
        // Google may rotate tokens on refresh: keep the newest, sealed.
        grant.tokens = { ...grant.tokens, ...fresh };
        void onGrant(grant).catch(() => {});
      },
    });
    const provider = createGmailProvider({
      rootUrl: g.apiRootUrl,
      calendarRootUrl: g.calendarRootUrl,
      auth,
      pubsubTopic: g.pubsubTopic ?? '',
      calendarWebhookUrl: `${config.publicUrl}/webhooks/google/calendar`,
      channelToken: calendarChannelToken(config, address),
      now,
      gate,
      heldDrafts: canHoldDrafts(grant.tokens.scope),
    });
    return Object.assign(provider, { calendar: provider });
  },
  async revoke(config, grant) {
    const token = grant.tokens.refresh_token ?? grant.tokens.access_token;
    if (token) await revokeGoogleToken(googleOAuthClient(config), token);
  },
} satisfies ProviderKit<GoogleGrant>;

/**
 * How Google's pushes are checked and read: Gmail through Pub/Sub (an OIDC JWT from the
 * configured service account), Calendar through watch channels (the per-mailbox channel token).
 */
export const googlePush = {
  /** One verifier for the life of the process, so Google's signing certificates are cached. */
  pubsubVerifier(config: Config): (token: string) => Promise<void> {
    const client = googleOAuthClient(config);
    const g = configOf(config);
    return async (token) => {
      await verifyPubsubJwt(client, token, { audience: g.pubsubAudience, serviceAccountEmail: g.pubsubServiceAccount ?? '' });
    };
  },
  decodeMailPush: decodeGmailPush,
  /** Whether a Calendar notification carries this mailbox's channel token. */
  channelTokenMatches: (config: Config, address: string, given: string | undefined) => secretMatches(calendarChannelToken(config, address), given),
};
