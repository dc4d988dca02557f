import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { json, type Ctx, type Reply, type Route } from './http.js';

/**
 * Microsoft identity platform v2 shapes: authorize (auto-consent, 302 with code), token
 * (authorization_code with PKCE S256, refresh_token, invalid_grant after revocation), OpenID
 * discovery, instance discovery and JWKS. ID tokens are RS256 JWTs.
 */

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  scope: string;
  nonce?: string;
  expiresAt: number;
}

// One signing key per test process (key generation is the slow part of start-up).
let signingKeys: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

export class IdentityProvider {
  readonly client: OAuthClient = { clientId: 'emulator-client-id', clientSecret: `secret-${randomBytes(9).toString('base64url')}` };
  readonly kid = randomBytes(6).toString('hex');
  private readonly key: KeyObject;
  private readonly publicJwk: Record<string, unknown>;
  private readonly codes = new Map<string, PendingCode>();

  constructor() {
    signingKeys ??= generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { privateKey, publicKey } = signingKeys;
    this.key = privateKey;
    this.publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256' };
  }

  openIdConfiguration(base: string, tenant: string): Record<string, unknown> {
    return {
      issuer: `${base}/${tenant}/v2.0`,
      authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/${tenant}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
      response_types_supported: ['code', 'id_token', 'code id_token'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      code_challenge_methods_supported: ['plain', 'S256'],
    };
  }

  instanceDiscovery(base: string): Record<string, unknown> {
    const host = new URL(base).host;
    return {
      tenant_discovery_endpoint: `${base}/common/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    };
  }

  idToken(base: string, tenant: string, claims: Record<string, unknown>, now: Date): string {
    const iat = Math.floor(now.getTime() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid };
    const payload = { iss: `${base}/${tenant}/v2.0`, iat, nbf: iat, exp: iat + 3600, ver: '2.0', ...claims };
    const encode = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${encode(header)}.${encode(payload)}`;
    return `${input}.${sign('sha256', Buffer.from(input), this.key).toString('base64url')}`;
  }

  jwks(): Record<string, unknown> {
    return { keys: [this.publicJwk] };
  }

  issueCode(p: PendingCode): string {
    const code = `emu-code-${randomBytes(16).toString('base64url')}`;
    this.codes.set(code, p);
    return code;
  }

  /** Codes are single use (RFC 6749 §4.1.2). */
  takeCode(code: string): PendingCode | undefined {
    const p = this.codes.get(code);
    this.codes.delete(code);
    return p;
  }
}

function oauthError(status: number, error: string, description: string): Reply {
  return json(status, { error, error_description: description, error_codes: [error === 'invalid_grant' ? 70000 : 50000], timestamp: new Date().toISOString() });
}

function authorize(idp: IdentityProvider) {
  return (ctx: Ctx): Reply => {
    const q = ctx.url.searchParams;
    const redirectUri = q.get('redirect_uri');
    if (q.get('client_id') !== idp.client.clientId || !redirectUri) return json(400, { error: 'invalid_request', error_description: 'unknown client_id or missing redirect_uri' });
    if (q.get('response_type') !== 'code') return json(400, { error: 'unsupported_response_type', error_description: 'only code is supported' });
    const challenge = q.get('code_challenge');
    if (!challenge || q.get('code_challenge_method') !== 'S256') return json(400, { error: 'invalid_request', error_description: 'PKCE with S256 is required' });
    const code = idp.issueCode({ clientId: idp.client.clientId, redirectUri, challenge, scope: q.get('scope') ?? '', ...(q.get('nonce') ? { nonce: q.get('nonce')! } : {}), expiresAt: ctx.now().getTime() + 600_000 });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    if (q.get('state') !== null) target.searchParams.set('state', q.get('state')!);
    target.searchParams.set('client_info', clientInfo(ctx));
    return { status: 302, headers: { location: target.toString() } };
  };
}

function clientInfo(ctx: Ctx): string {
  return Buffer.from(JSON.stringify({ uid: ctx.state.userId, utid: ctx.state.tenantId })).toString('base64url');
}

function token(idp: IdentityProvider) {
  return (ctx: Ctx): Reply => {
    const form = new URLSearchParams(ctx.body.toString('utf8'));
    const tenant = ctx.params[0]!;
    if (form.get('client_id') !== idp.client.clientId || form.get('client_secret') !== idp.client.clientSecret) {
      return oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    }
    const { state } = ctx;
    let scope = form.get('scope') ?? '';
    let nonce: string | undefined;
    if (form.get('grant_type') === 'authorization_code') {
      const pending = idp.takeCode(form.get('code') ?? '');
      if (!pending || pending.expiresAt < ctx.now().getTime()) return oauthError(400, 'invalid_grant', 'AADSTS70008: The provided authorization code is invalid or has expired.');
      if (pending.redirectUri !== form.get('redirect_uri')) return oauthError(400, 'invalid_grant', 'AADSTS50011: redirect_uri does not match.');
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) {
        return oauthError(400, 'invalid_grant', 'AADSTS501481: The Code_Verifier does not match the code_challenge.');
      }
      scope = scope || pending.scope;
      nonce = pending.nonce;
    } else if (form.get('grant_type') === 'refresh_token') {
      if (!state.refreshTokens.has(form.get('refresh_token') ?? '')) {
        return oauthError(400, 'invalid_grant', 'AADSTS70000: The refresh token has been revoked or has expired.');
      }
    } else {
      return oauthError(400, 'unsupported_grant_type', `grant_type ${String(form.get('grant_type'))} is not supported`);
    }
    const refresh = `emu-rt-${randomBytes(18).toString('base64url')}`;
    state.refreshTokens.add(refresh);
    const base = ctx.baseUrl;
    const granted = scope.split(' ').filter((s) => s && !['openid', 'profile', 'offline_access'].includes(s)).join(' ');
    return json(200, {
      token_type: 'Bearer',
      scope: granted,
      expires_in: 3600,
      ext_expires_in: 3600,
      access_token: state.issueAccessToken(),
      refresh_token: refresh,
      id_token: idp.idToken(base, tenant, {
        aud: idp.client.clientId,
        sub: `sub-${state.userId}`,
        oid: state.userId,
        tid: state.tenantId,
        preferred_username: state.userAddress,
        name: state.displayName,
        ...(nonce ? { nonce } : {}),
      }, ctx.now()),
      client_info: clientInfo(ctx),
    });
  };
}

export function oauthRoutes(idp: IdentityProvider): Route[] {
  return [
    { method: 'GET', pattern: /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/, handle: (ctx) => json(200, idp.openIdConfiguration(ctx.baseUrl, ctx.params[0]!)) },
    { method: 'GET', pattern: /^\/common\/discovery\/instance$/, handle: (ctx) => json(200, idp.instanceDiscovery(ctx.baseUrl)) },
    { method: 'GET', pattern: /^\/([^/]+)\/discovery\/v2\.0\/keys$/, handle: () => json(200, idp.jwks()) },
    { method: 'GET', pattern: /^\/([^/]+)\/oauth2\/v2\.0\/authorize$/, handle: authorize(idp) },
    { method: 'POST', pattern: /^\/([^/]+)\/oauth2\/v2\.0\/token$/, handle: token(idp) },
  ];
}

