import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.js';
import type { User } from './users.js';

/** Secrets are 32 random bytes; the database keeps only their SHA-256, never the value itself. */
const secret = () => randomBytes(32).toString('base64url');
const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');

export interface WebSession {
  user: User;
  /** Hash of the cookie value: enough to delete the session, useless as a cookie. */
  idHash: string;
  /** The synchronizer token every state-changing browser request must carry. */
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(db: Db, userId: string, now: Date, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
  const token = secret();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.insertInto('sessions').values({ id_hash: hashOf(token), user_id: userId, csrf_secret: secret(), created_at: now, expires_at: expiresAt }).execute();
  return { token, expiresAt };
}

/** The live session for a cookie value, or null when unknown or expired. */
export async function sessionByToken(db: Db, token: string, now: Date): Promise<WebSession | null> {
  if (!token) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash', 'sessions.csrf_secret', 'sessions.expires_at', 'users.id', 'users.email', 'users.name'])
    .where('sessions.id_hash', '=', hashOf(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now) return null;
  return { user: { id: row.id, email: row.email, name: row.name }, idHash: row.id_hash, csrfToken: row.csrf_secret, expiresAt: row.expires_at };
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/**
 * Marks a login link's nonce as used. True the first time only, so a link signs in once; rows are
 * kept until the link would have expired anyway.
 */
export async function useLoginLinkNonce(db: Db, nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
  await db.deleteFrom('login_links').where('expires_at', '<=', now).execute();
  const row = await db
    .insertInto('login_links')
    .values({ token_hash: hashOf(nonce), created_at: now, expires_at: expiresAt })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .returning('token_hash')
    .executeTakeFirst();
  return Boolean(row);
}
