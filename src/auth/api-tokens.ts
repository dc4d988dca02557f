import { createHash, randomBytes } from 'node:crypto';

/** Personal API tokens: shown once, stored only as a SHA-256 hash (they are high-entropy, so no salt is needed). */
export function newApiToken(): { token: string; hash: string } {
  const token = `bnd_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token) };
}

/** `bnd_` and 43 base64url characters, as newApiToken writes them. */
export const isApiTokenShaped = (value: string): boolean => /^bnd_[A-Za-z0-9_-]{43}$/.test(value);

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens live at most this long when an expiry is asked for; "never" is a separate choice. */
export const MAX_TOKEN_DAYS = 3650;

/**
 * When a token asked to expire "in N days" (`30d`) or on a date (`2027-01-31`, the end of that UTC
 * day) expires; a message naming the problem otherwise.
 */
export function tokenExpiry(text: string, now: Date): { expiresAt: Date } | { problem: string } {
  const days = /^(\d{1,4})d$/.exec(text.trim());
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > MAX_TOKEN_DAYS) return { problem: `an expiry in days must be from 1d to ${MAX_TOKEN_DAYS}d, got "${text}"` };
    return { expiresAt: new Date(now.getTime() + n * 86_400_000) };
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const day = date ? new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== text.trim()) {
    return { problem: `the expiry must be a number of days like 30d or a date like 2027-01-31, got "${text}"` };
  }
  const end = new Date(day.getTime() + 86_400_000);
  if (end.getTime() <= now.getTime()) return { problem: `the expiry ${text} is in the past` };
  if (end.getTime() - now.getTime() > MAX_TOKEN_DAYS * 86_400_000) return { problem: `the expiry must be within ${MAX_TOKEN_DAYS} days` };
  return { expiresAt: end };
}
