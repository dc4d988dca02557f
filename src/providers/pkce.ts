import { createHash, randomBytes } from 'node:crypto';

/** PKCE (RFC 7636): a 43-char verifier and its S256 challenge. Every OAuth provider takes it. */
export function createPkce(): { codeVerifier: string; codeChallenge: string } {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}
