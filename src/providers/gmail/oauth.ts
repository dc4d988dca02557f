import { OAuth2Client, type Credentials, type TokenPayload } from 'google-auth-library';
import { ProviderError } from '../types.js';
import { translateGoogleError } from './errors.js';

/**
 * Google OAuth 2.0 / OpenID helpers for the HTTP layer. package.json pins google-auth-library to the
 * version googleapis pins, so one copy loads and its client can be handed to the Gmail and Calendar APIs.
 */
export type GoogleOAuthClient = OAuth2Client;
export type GoogleTokens = Credentials;

export interface GoogleEndpoints {
  tokenUrl: string;
  authUrl: string;
  revokeUrl: string;
  /** PEM certificates used to verify ID tokens and Pub/Sub push JWTs. */
  certsUrl: string;
}

export function createGoogleOAuthClient(o: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  endpoints: GoogleEndpoints;
  tokens?: GoogleTokens;
  /** Called when Google issues new tokens (refresh): persist them encrypted. Never log them. */
  onTokens?: (tokens: GoogleTokens) => void;
}): GoogleOAuthClient {
  const client = new OAuth2Client({
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    redirectUri: o.redirectUri,
    endpoints: {
      oauth2TokenUrl: o.endpoints.tokenUrl,
      oauth2AuthBaseUrl: o.endpoints.authUrl,
      oauth2RevokeUrl: o.endpoints.revokeUrl,
      oauth2FederatedSignonPemCertsUrl: o.endpoints.certsUrl,
    },
  });
  if (o.tokens) client.setCredentials(o.tokens);
  if (o.onTokens) client.on('tokens', o.onTokens);
  return client;
}

export { createPkce } from '../pkce.js';
export { decodeGmailPush } from './push.js';

/** The consent URL: offline access + prompt=consent so Google returns a refresh token (google.md). */
export function googleAuthUrl(o: { clientId: string; redirectUri: string; scopes: string[]; state: string; codeChallenge: string; authUrl: string; loginHint?: string }): string {
  for (const [name, value] of Object.entries({ clientId: o.clientId, redirectUri: o.redirectUri, state: o.state, codeChallenge: o.codeChallenge, authUrl: o.authUrl })) {
    if (!value) throw new Error(`googleAuthUrl: ${name} is required`);
  }
  if (!o.scopes.length) throw new Error('googleAuthUrl: at least one scope is required');
  const url = new URL(o.authUrl);
  const params: Record<string, string> = {
    client_id: o.clientId, redirect_uri: o.redirectUri, response_type: 'code', scope: o.scopes.join(' '), state: o.state,
    code_challenge: o.codeChallenge, code_challenge_method: 'S256', access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true',
    ...(o.loginHint ? { login_hint: o.loginHint } : {}),
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

export async function exchangeGoogleCode(client: GoogleOAuthClient, code: string, codeVerifier: string): Promise<GoogleTokens> {
  if (!code) throw new ProviderError('permanent', 'exchangeGoogleCode: the authorization code is empty');
  let tokens: GoogleTokens;
  try {
    ({ tokens } = await client.getToken({ code, codeVerifier }));
  } catch (err) {
    const e = translateGoogleError(err, new Date(), 'Google token exchange');
    // invalid_grant here means a bad, reused or expired code (or verifier), not a revoked account.
    throw e.kind === 'auth_revoked' ? new ProviderError('permanent', `authorization code rejected: ${e.message}`) : e;
  }
  if (!tokens.refresh_token) {
    throw new ProviderError('permanent', 'Google did not return a refresh token: consent must be requested with access_type=offline and prompt=consent');
  }
  return tokens;
}

/** Revokes a refresh (or access) token. An already revoked or unknown token counts as done. */
export async function revokeGoogleToken(client: GoogleOAuthClient, token: string): Promise<void> {
  try {
    await client.revokeToken(token);
  } catch (err) {
    const status = (err as { response?: { status?: number } }).response?.status;
    if (status === 400) return;
    throw translateGoogleError(err, new Date(), 'Google token revoke');
  }
}

/**
 * Verifies the OIDC JWT that Pub/Sub push puts in `Authorization: Bearer` (google.md: signature against
 * Google's certs, iss, aud, email = the push service account, email_verified). A rejected token throws
 * ProviderError('permanent') (answer 401/403, never enqueue); failing to fetch certs throws 'transient'.
 */
export async function verifyPubsubJwt(
  client: GoogleOAuthClient, token: string, expect: { audience: string; serviceAccountEmail: string },
): Promise<{ emailAddress?: string }> {
  const payload = await verifiedPayload(client, token, expect.audience, 'Pub/Sub push JWT');
  if (payload.email !== expect.serviceAccountEmail) throw new ProviderError('permanent', 'Pub/Sub push JWT rejected: unexpected service account');
  if (payload.email_verified !== true) throw new ProviderError('permanent', 'Pub/Sub push JWT rejected: email not verified');
  return { emailAddress: payload.email };
}

/** OpenID sign-in: the ID token from the code exchange, checked against our client id (and nonce). */
export async function verifyGoogleIdToken(
  client: GoogleOAuthClient, idToken: string, expect: { audience: string; nonce?: string },
): Promise<{ subject: string; email: string; emailVerified: boolean; name?: string }> {
  const payload = await verifiedPayload(client, idToken, expect.audience, 'Google ID token');
  if (expect.nonce !== undefined && payload.nonce !== expect.nonce) throw new ProviderError('permanent', 'Google ID token rejected: nonce mismatch');
  if (!payload.email) throw new ProviderError('permanent', 'Google ID token rejected: no email claim (request the email scope)');
  return { subject: payload.sub, email: payload.email.toLowerCase(), emailVerified: payload.email_verified === true, ...(payload.name ? { name: payload.name } : {}) };
}

async function verifiedPayload(client: GoogleOAuthClient, token: string, audience: string, what: string): Promise<TokenPayload> {
  if (!token) throw new ProviderError('permanent', `${what} missing`);
  if (!audience) throw new Error(`${what}: the expected audience is required`);
  try {
    // verifyIdToken checks the RS256 signature against the certs URL, iss (accounts.google.com), aud, iat/exp.
    const ticket = await client.verifyIdToken({ idToken: token, audience });
    const payload = ticket.getPayload();
    if (!payload) throw new Error('no payload');
    return payload;
  } catch (err) {
    if ((err as { response?: unknown; config?: unknown }).config) throw translateGoogleError(err, new Date(), `${what} certificates`);
    throw new ProviderError('permanent', `${what} rejected: ${(err as Error).message.split(':')[0]}`);
  }
}

