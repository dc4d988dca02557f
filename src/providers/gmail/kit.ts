import type { Config } from '../../../config/load.js';
import type { OAuthKit, ProviderKit } from '../kit.js';
import { ProviderError } from '../types.js';
import { secretMatches, webhookSecret } from '../webhook-secret.js';
import type { GoogleOAuthClient, GoogleTokens } from './oauth.js';
import { canHoldDrafts, canWriteDrafts, DRAFTING_SCOPES } from './held-scopes.js';
import { decodeGmailPush } from './push.js';

// google-auth-library and googleapis load when a Google account or sign-in is first used, not
// when the server starts: a server with only Outlook or IMAP mailboxes never loads them.
const sdk = () => import('./oauth.js');

export interface GoogleGrant {
  provider: 'google';
  tokens: GoogleTokens;
}

const SIGN_IN_SCOPES = ['openid', 'email', 'profile'];

function configOf(config: Config): NonNullable<Config['google']> {
  if (!config.google) throw new ProviderError('permanent', 'Google is not configured (GOOGLE_CLIENT_ID is unset)');
  return config.google;
}

export async function googleOAuthClient(config: Config, o: { redirectUri?: string; tokens?: GoogleTokens; onTokens?: (t: GoogleTokens) => void } = {}): Promise<GoogleOAuthClient> {
  const g = configOf(config);
  const { createGoogleOAuthClient } = await sdk();
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
    if (p.purpose === 'connect') return (await sdk()).googleAuthUrl({ clientId: g.clientId, redirectUri: p.redirectUri, scopes: g.scopes, state: p.state, codeChallenge: p.codeChallenge, authUrl: g.authUrl });
    return (await googleOAuthClient(config, { redirectUri: p.redirectUri })).generateAuthUrl({ scope: SIGN_IN_SCOPES, state: p.state, code_challenge: p.codeChallenge, code_challenge_method: 'S256' as never, prompt: 'select_account' });
  },
  async grant(config, p) {
    const { exchangeGoogleCode } = await sdk();
    return { provider: 'google', tokens: await exchangeGoogleCode(await googleOAuthClient(config, { redirectUri: p.redirectUri }), p.code, p.codeVerifier) };
  },
  async identity(config, p) {
    const client = await googleOAuthClient(config, { redirectUri: p.redirectUri });
    let idToken: string | null | undefined;
    try {
      ({ tokens: { id_token: idToken } } = await client.getToken({ code: p.code, codeVerifier: p.codeVerifier }));
    } catch {
      throw new ProviderError('permanent', 'Google did not accept the sign-in code. Start again from the sign-in page.');
    }
    if (!idToken) throw new ProviderError('permanent', 'Google returned no identity for this sign-in.');
    const who = await (await sdk()).verifyGoogleIdToken(client, idToken, { audience: configOf(config).clientId });
    return { email: who.email, emailVerified: who.emailVerified, subject: who.subject, ...(who.name ? { name: who.name } : {}) };
  },
};

export const googleKit = {
  kind: 'google',
  oauth,
  pushEnabled: (config) => Boolean(config.google?.pubsubTopic),
  drafting: { allowed: (grant) => canWriteDrafts(grant.tokens.scope), consentScopes: () => DRAFTING_SCOPES },
  async client({ config, grant, address, now, onGrant, gate }) {
    const g = configOf(config);
    const { createGmailProvider } = await import('./provider.js');
    const auth = await googleOAuthClient(config, {
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
      draftWriter: canWriteDrafts(grant.tokens.scope),
    });
    return Object.assign(provider, { calendar: provider });
  },
  async revoke(config, grant) {
    const token = grant.tokens.refresh_token ?? grant.tokens.access_token;
    if (token) await (await sdk()).revokeGoogleToken(await googleOAuthClient(config), token);
  },
} satisfies ProviderKit<GoogleGrant>;

/**
 * How Google's pushes are checked and read: Gmail through Pub/Sub (an OIDC JWT from the
 * configured service account), Calendar through watch channels (the per-mailbox channel token).
 */
export const googlePush = {
  /** One verifier for the life of the process, so Google's signing certificates are cached. */
  pubsubVerifier(config: Config): (token: string) => Promise<void> {
    const g = configOf(config);
    let client: Promise<GoogleOAuthClient> | undefined;
    return async (token) => {
      client ??= googleOAuthClient(config);
      const { verifyPubsubJwt } = await sdk();
      await verifyPubsubJwt(await client, token, { audience: g.pubsubAudience, serviceAccountEmail: g.pubsubServiceAccount ?? '' });
    };
  },
  decodeMailPush: decodeGmailPush,
  /** Whether a Calendar notification carries this mailbox's channel token. */
  channelTokenMatches: (config: Config, address: string, given: string | undefined) => secretMatches(calendarChannelToken(config, address), given),
};
