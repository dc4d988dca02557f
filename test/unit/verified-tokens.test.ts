import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from '../../src/http/verified-tokens.js';

const jwt = (exp: number) => `h.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.sig`;

describe('remembered push tokens', () => {
  it('remembers a verified token until it expires, and nothing else', () => {
    const tokens = new VerifiedTokens();
    const now = 1_800_000_000_000;
    const good = jwt(now / 1000 + 60);
    expect(tokens.has(good, now)).toBe(false);
    tokens.add(good, now);
    expect(tokens.has(good, now)).toBe(true);
    expect(tokens.has(`${good}x`, now)).toBe(false);
    expect(tokens.has(good, now + 61_000)).toBe(false);
  });

  it('never remembers an expired or unreadable token, and stays bounded', () => {
    const tokens = new VerifiedTokens(2);
    const now = 1_800_000_000_000;
    tokens.add(jwt(now / 1000 - 1), now);
    tokens.add('not-a-jwt', now);
    expect(tokens.has(jwt(now / 1000 - 1), now)).toBe(false);
    const [a, b, c] = [1, 2, 3].map((i) => jwt(now / 1000 + 60 + i));
    tokens.add(a!, now);
    tokens.add(b!, now);
    tokens.add(c!, now);
    expect([tokens.has(a!, now), tokens.has(b!, now), tokens.has(c!, now)]).toEqual([false, true, true]);
  });
});
