import { createHash, randomBytes } from 'node:crypto';

/** Personal API tokens: shown once, stored only as a SHA-256 hash (they are high-entropy, so no salt is needed). */
export function newApiToken(): { token: string; hash: string } {
  const token = `bnd_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
