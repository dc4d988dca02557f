import type { Db } from './db.js';

/** The user a provider identity signs in as, if it was ever linked. */
export async function userOfIdentity(db: Db, provider: string, subject: string): Promise<string | undefined> {
  const row = await db.selectFrom('sign_in_identities').select('user_id').where('provider', '=', provider).where('subject', '=', subject).executeTakeFirst();
  return row?.user_id;
}

/** Links an identity to a user; an identity already linked keeps its user. Returns that user. */
export async function linkIdentity(db: Db, provider: string, subject: string, userId: string): Promise<string> {
  await db.insertInto('sign_in_identities').values({ provider, subject, user_id: userId }).onConflict((oc) => oc.columns(['provider', 'subject']).doNothing()).execute();
  return (await userOfIdentity(db, provider, subject)) ?? userId;
}
