import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * One-time sign-in links, signed rather than stored: `boundary user login-link` only needs the
 * session secret, never the database, so it works while the service holds the embedded database
 * open. The service records a link's nonce when it is used, which makes it single use.
 * Token: base64url(JSON {e: email, x: expiry ms, n: nonce}) "." base64url(HMAC-SHA256).
 */
export interface LoginLinkClaims {
  email: string;
  expiresAt: Date;
  nonce: string;
}

const mac = (secret: Buffer, payload: string) => createHmac('sha256', secret).update(`login-link:${payload}`).digest();

export function signLoginLink(secret: Buffer, email: string, now: Date, ttlMs: number): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const payload = Buffer.from(JSON.stringify({ e: email.trim().toLowerCase(), x: expiresAt.getTime(), n: randomBytes(16).toString('base64url') })).toString('base64url');
  return { token: `${payload}.${mac(secret, payload).toString('base64url')}`, expiresAt };
}

/** The claims of a genuine, unexpired link; null for anything else. */
export function verifyLoginLink(secret: Buffer, token: string, now: Date): LoginLinkClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { e?: unknown; x?: unknown; n?: unknown };
    if (typeof claims.e !== 'string' || typeof claims.x !== 'number' || typeof claims.n !== 'string') return null;
    if (claims.x <= now.getTime()) return null;
    return { email: claims.e, expiresAt: new Date(claims.x), nonce: claims.n };
  } catch {
    return null;
  }
}
