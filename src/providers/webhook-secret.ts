import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A per-mailbox webhook secret (Graph clientState, Calendar channel token). Derived from the
 * session secret and the mailbox, so it survives reconnects and is never stored.
 */
export function webhookSecret(sessionSecret: Buffer, provider: string, address: string, purpose: string): string {
  return createHmac('sha256', sessionSecret).update(`${purpose}:${provider}:${address.toLowerCase()}`).digest('base64url');
}

/** Constant-time comparison of a webhook secret (lengths are compared first; that leaks only length). */
export function secretMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
