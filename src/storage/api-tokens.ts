import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import type { User } from './users.js';

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

/** `last_used_at` is a hint for the token list, so it is written at most once a minute per token. */
const TOUCH_EVERY_MS = 60_000;

export async function addApiToken(db: Db, userId: string, hash: string, name: string, expiresAt: Date | null = null): Promise<string> {
  const id = randomUUID();
  await db.insertInto('api_tokens').values({ id, user_id: userId, token_hash: hash, label: name, expires_at: expiresAt }).execute();
  return id;
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenInfo[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'label', 'created_at', 'last_used_at', 'expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.label, createdAt: r.created_at, lastUsedAt: r.last_used_at, expiresAt: r.expires_at }));
}

/** Deletes the token (only its hash was kept, so nothing of it remains). False when it is not this user's. */
export async function revokeApiToken(db: Db, userId: string, tokenId: string): Promise<boolean> {
  const res = await db.deleteFrom('api_tokens').where('user_id', '=', userId).where('id', '=', tokenId).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** The user a live (unexpired) token belongs to; records when it was last used. */
export async function userByApiToken(db: Db, hash: string, now: Date): Promise<User | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as tokenId', 'api_tokens.last_used_at', 'api_tokens.expires_at', 'users.id', 'users.email', 'users.name'])
    .where('api_tokens.token_hash', '=', hash)
    .executeTakeFirst();
  if (!row || (row.expires_at && row.expires_at.getTime() <= now.getTime())) return undefined;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= TOUCH_EVERY_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.tokenId).execute();
  }
  return { id: row.id, email: row.email, name: row.name };
}
