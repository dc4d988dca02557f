import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { json, type Reply, type Request, type Route } from './http.js';

/** Google OAuth 2.0 + OpenID as the adapter sees it: auth redirect, token, revoke, certs, userinfo. */

interface SigningKey { kid: string; privateKey: KeyObject; publicPem: string; jwk: Record<string, unknown> }

function makeKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } };
}

// RSA generation is slow-ish; one key per process is plenty for tests. The rogue key is never published.
let keys: { real: SigningKey; rogue: SigningKey } | undefined;
const signingKeys = () => (keys ??= { real: makeKey('emulator-key-1'), rogue: makeKey('emulator-key-1') });

/** RS256 JWT signed with node:crypto (RFC 7515/7519). `rogue` signs with an unpublished key. */
export function signJwt(claims: Record<string, unknown>, rogue = false): string {
  const key = rogue ? signingKeys().rogue : signingKeys().real;
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const data = `${enc({ alg: 'RS256', kid: key.kid, typ: 'JWT' })}.${enc(claims)}`;
  return `${data}.${sign('RSA-SHA256', Buffer.from(data), key.privateKey).toString('base64url')}`;
}

interface CodeGrant { clientId: string; redirectUri: string; challenge: string; scope: string; offline: boolean; nonce?: string }
interface Grant { scope: string; revoked: boolean }

export interface OAuthOptions { clientId: string; clientSecret: string; userAddress: string; now: () => Date }

export class GoogleOAuth {
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refresh = new Map<string, Grant>();
  private readonly access = new Map<string, { grant: Grant; expiresAt: number }>();
  /** Scopes the user unticks on the next consent screens (granular consent). */
  private withheld = new Set<string>();
  readonly sub = '10769150350006150715113082367';

  constructor(private readonly opts: OAuthOptions) {}

  /** Mint a refresh token directly, as if the user had consented (harness shortcut). */
  issueRefreshToken(scope = 'https://www.googleapis.com/auth/gmail.readonly'): string {
    const token = `1//rt-${randomBytes(12).toString('hex')}`;
    this.refresh.set(token, { scope, revoked: false });
    return token;
  }

  /** The user will leave these scopes unticked on the consent screen (Google's granular consent). */
  withhold(scopes: string[]): void {
    this.withheld = new Set(scopes);
  }

  revokeAll(): void {
    for (const g of this.refresh.values()) g.revoked = true;
  }

  /** Whether an API call's bearer token is valid now. */
  authorized(header: string | undefined): boolean {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    const entry = token ? this.access.get(token) : undefined;
    return Boolean(entry && !entry.grant.revoked && entry.expiresAt > this.opts.now().getTime());
  }

  idToken(extra: Record<string, unknown> = {}): string {
    const iat = Math.floor(this.opts.now().getTime() / 1000);
    return signJwt({ iss: 'https://accounts.google.com', azp: this.opts.clientId, aud: this.opts.clientId, sub: this.sub,
      email: this.opts.userAddress, email_verified: true, iat, exp: iat + 3600, ...extra });
  }

  routes(): Route[] {
    return [
      { method: 'GET', pattern: /^\/o\/oauth2\/v2\/auth$/, handler: (r) => this.authorize(r) },
      { method: 'POST', pattern: /^\/token$/, handler: (r) => this.token(r) },
      { method: 'POST', pattern: /^\/revoke$/, handler: (r) => {
        const token = r.query.get('token') ?? (r.body as { token?: string } | undefined)?.token ?? '';
        const grant = this.refresh.get(token) ?? this.access.get(token)?.grant;
        if (!grant) return json({ error: 'invalid_token', error_description: 'Token expired or revoked' }, 400);
        grant.revoked = true;
        return json({});
      } },
      { method: 'GET', pattern: /^\/oauth2\/v1\/certs$/, handler: () =>
        json({ [signingKeys().real.kid]: signingKeys().real.publicPem }, 200, { 'cache-control': 'public, max-age=3600' }) },
      { method: 'GET', pattern: /^\/oauth2\/v3\/certs$/, handler: () =>
        json({ keys: [signingKeys().real.jwk] }, 200, { 'cache-control': 'public, max-age=3600' }) },
      { method: 'GET', pattern: /^\/oauth2\/v3\/userinfo$/, handler: (r) => this.authorized(r.headers.authorization)
        ? json({ sub: this.sub, email: this.opts.userAddress, email_verified: true })
        : json({ error: 'invalid_request', error_description: 'Invalid Credentials' }, 401) },
    ];
  }

  private authorize(r: Request): Reply {
    const q = r.query;
    const fail = (description: string) => json({ error: 'invalid_request', error_description: description }, 400);
    if (q.get('client_id') !== this.opts.clientId) return fail('The OAuth client was not found.');
    const redirectUri = q.get('redirect_uri');
    if (!redirectUri || !URL.canParse(redirectUri)) return fail('Missing or invalid redirect_uri');
    if (q.get('response_type') !== 'code') return fail('response_type must be code');
    const challenge = q.get('code_challenge');
    if (!challenge || q.get('code_challenge_method') !== 'S256') return fail('PKCE with S256 is required by this emulator');
    const code = `4/code-${randomBytes(12).toString('hex')}`;
    const scope = this.consentedScope(q.get('scope') ?? '', q.get('include_granted_scopes') === 'true');
    // Google returns a refresh token only for offline access, and reliably only with prompt=consent.
    this.codes.set(code, { clientId: this.opts.clientId, redirectUri, challenge, scope,
      offline: q.get('access_type') === 'offline' && (q.get('prompt') ?? '').split(' ').includes('consent'), nonce: q.get('nonce') ?? undefined });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (q.get('state') !== null) back.searchParams.set('state', q.get('state')!);
    back.searchParams.set('scope', scope);
    return { status: 302, headers: { location: back.toString() } };
  }

  /**
   * What the user grants: the requested scopes less those unticked, plus, with
   * include_granted_scopes=true, every scope this user already granted the client (incremental
   * authorization: the new token carries them all).
   */
  private consentedScope(requested: string, includeGranted: boolean): string {
    const asked = requested.split(' ').filter((s) => s && !this.withheld.has(s));
    const earlier = includeGranted ? [...this.refresh.values()].filter((g) => !g.revoked).flatMap((g) => g.scope.split(' ')) : [];
    return [...new Set([...asked, ...earlier.filter(Boolean)])].join(' ');
  }

  private token(r: Request): Reply {
    const body = (r.body ?? {}) as Record<string, string | undefined>;
    const error = (code: string, description: string, status = 400) => json({ error: code, error_description: description }, status);
    if (body.client_id !== this.opts.clientId || body.client_secret !== this.opts.clientSecret) return error('invalid_client', 'Unauthorized', 401);
    if (body.grant_type === 'authorization_code') {
      const grant = this.codes.get(body.code ?? '');
      this.codes.delete(body.code ?? ''); // codes are single-use
      if (!grant) return error('invalid_grant', 'Malformed auth code.');
      if (grant.redirectUri !== body.redirect_uri) return error('redirect_uri_mismatch', 'Bad Request');
      const computed = createHash('sha256').update(body.code_verifier ?? '').digest('base64url');
      if (computed !== grant.challenge) return error('invalid_grant', 'Invalid code verifier.');
      const refreshToken = grant.offline ? this.issueRefreshToken(grant.scope) : undefined;
      const g: Grant = refreshToken ? this.refresh.get(refreshToken)! : { scope: grant.scope, revoked: false };
      return json({ ...this.accessFor(g), ...(refreshToken ? { refresh_token: refreshToken } : {}),
        ...(grant.scope.split(' ').includes('openid') ? { id_token: this.idToken(grant.nonce ? { nonce: grant.nonce } : {}) } : {}) });
    }
    if (body.grant_type === 'refresh_token') {
      const grant = this.refresh.get(body.refresh_token ?? '');
      if (!grant || grant.revoked) return error('invalid_grant', 'Token has been expired or revoked.');
      return json(this.accessFor(grant));
    }
    return error('unsupported_grant_type', `Invalid grant_type: ${body.grant_type}`);
  }

  private accessFor(grant: Grant): Record<string, unknown> {
    const token = `ya29.at-${randomBytes(16).toString('hex')}`;
    this.access.set(token, { grant, expiresAt: this.opts.now().getTime() + 3599_000 });
    return { access_token: token, expires_in: 3599, scope: grant.scope, token_type: 'Bearer' };
  }
}
