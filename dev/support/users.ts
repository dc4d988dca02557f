import { newApiToken } from '../../src/auth/api-tokens.js';
import type { Db } from '../../src/storage/db.js';
import { addApiToken } from '../../src/storage/api-tokens.js';
import { createUser, type User } from '../../src/storage/users.js';

/** A user with a personal API token, and the header to send it. */
export async function userWithToken(db: Db, email: string): Promise<{ user: User; auth: { authorization: string } }> {
  const user = await createUser(db, { email });
  const { token, hash } = newApiToken();
  await addApiToken(db, user.id, hash, 'test');
  return { user, auth: { authorization: `Bearer ${token}` } };
}
