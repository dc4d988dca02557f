import type { Db } from './db.js';

export interface OAuthState {
  state: string;
  userId: string | null;
  provider: string;
  purpose: 'connect' | 'sign-in';
  codeVerifier: string;
  /** An incremental consent (a feature turned on) for this already connected account, not a new connection. */
  consent?: { accountId: string; feature: string } | null;
}

export async function saveOAuthState(db: Db, s: OAuthState, expiresAt: Date): Promise<void> {
  await db.insertInto('oauth_states').values({ state: s.state, user_id: s.userId, provider: s.provider, purpose: s.purpose, code_verifier: s.codeVerifier, expires_at: expiresAt,
    account_id: s.consent?.accountId ?? null, feature: s.consent?.feature ?? null }).execute();
}

/** Single use: the row is deleted as it is read, so a replayed callback finds nothing. */
export async function takeOAuthState(db: Db, state: string, now: Date): Promise<OAuthState | null> {
  const row = await db.deleteFrom('oauth_states').where('state', '=', state).returningAll().executeTakeFirst();
  await db.deleteFrom('oauth_states').where('expires_at', '<', now).execute();
  if (!row || row.expires_at < now) return null;
  return { state: row.state, userId: row.user_id, provider: row.provider, purpose: row.purpose, codeVerifier: row.code_verifier,
    consent: row.account_id && row.feature ? { accountId: row.account_id, feature: row.feature } : null };
}

/** Sweeps expired states and counts the live ones for a purpose (to cap what strangers can create). */
export async function liveOAuthStates(db: Db, purpose: OAuthState['purpose'], now: Date): Promise<number> {
  await db.deleteFrom('oauth_states').where('expires_at', '<', now).execute();
  const row = await db.selectFrom('oauth_states').select((eb) => eb.fn.countAll<string>().as('n')).where('purpose', '=', purpose).executeTakeFirstOrThrow();
  return Number(row.n);
}
