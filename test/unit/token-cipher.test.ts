import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher, TokenCipherError } from '../../src/auth/token-cipher.js';

describe('token cipher', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('round-trips and never contains the plaintext', () => {
    const cipher = createTokenCipher(k1);
    const sealed = cipher.seal('{"refresh_token":"1//secret"}');
    expect(sealed).not.toContain('secret');
    expect(cipher.open(sealed)).toBe('{"refresh_token":"1//secret"}');
  });

  it('opens values sealed with an old key after rotation and flags them stale', () => {
    const sealedWithOld = createTokenCipher(k1).seal('token-a');
    const rotated = createTokenCipher(k2, [k1]);
    expect(rotated.open(sealedWithOld)).toBe('token-a');
    expect(rotated.isStale(sealedWithOld)).toBe(true);
    expect(rotated.isStale(rotated.seal('token-b'))).toBe(false);
  });

  it('rejects tampering and unknown keys with a clear error', () => {
    const cipher = createTokenCipher(k1);
    const sealed = cipher.seal('token');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('forged').toString('base64url');
    expect(() => cipher.open(parts.join('.'))).toThrow(/failed authentication/);
    expect(() => createTokenCipher(k2).open(sealed)).toThrow(TokenCipherError);
    expect(() => createTokenCipher(k2).open(sealed)).toThrow(/unknown key/);
  });
});
