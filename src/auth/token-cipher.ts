import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for OAuth tokens at rest. The ciphertext names the key that sealed it, so keys can
 * be rotated: new writes use the current key, old keys still open what they sealed.
 * Format: v1.<keyId>.<iv>.<tag>.<ciphertext>, all base64url.
 */
export class TokenCipherError extends Error {
  override readonly name = 'TokenCipherError';
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('base64url').slice(0, 8);

export interface TokenCipher {
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** True when the value was sealed with an old key and should be re-sealed. */
  isStale(sealed: string): boolean;
}

export function createTokenCipher(current: Buffer, old: Buffer[] = []): TokenCipher {
  for (const k of [current, ...old]) if (k.length !== 32) throw new TokenCipherError('token keys must be 32 bytes');
  const keys = new Map([current, ...old].map((k) => [keyId(k), k]));
  const currentId = keyId(current);
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(`v1.${currentId}`));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, id, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !id || !iv || !tag || data === undefined) throw new TokenCipherError('not a sealed token');
      const key = keys.get(id);
      if (!key) throw new TokenCipherError(`sealed with unknown key ${id}; add it to TOKEN_ENCRYPTION_OLD_KEYS`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(`v1.${id}`));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenCipherError('sealed token failed authentication (tampered or wrong key)');
      }
    },
    isStale(sealed) {
      return sealed.split('.')[1] !== currentId;
    },
  };
}
