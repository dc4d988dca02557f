import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import type { KeyFallback } from './load.js';

/** process.env wins over .env, as dotenv does by default. */
export function readEnv(cwd = process.cwd()): Record<string, string | undefined> {
  const file = path.join(cwd, '.env');
  const fromFile = existsSync(file) ? parse(readFileSync(file)) : {};
  return { ...fromFile, ...process.env };
}

/**
 * For a one-machine install with nothing configured: generate each key once into DATA_DIR, so
 * `npm start` works out of the box and tokens stay decryptable across restarts.
 */
export function keyFilesIn(dataDir: string, onCreate: (file: string) => void): KeyFallback {
  return (name) => {
    const file = path.join(dataDir, name === 'TOKEN_ENCRYPTION_KEY' ? 'token-encryption.key' : 'session.key');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32).toString('base64');
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    onCreate(file);
    return key;
  };
}
