import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';

export interface User {
  id: string;
  email: string;
  name: string;
}

export class UserExistsError extends Error {
  override readonly name = 'UserExistsError';
}

export async function createUser(db: Db, input: { email: string; name?: string }): Promise<User> {
  const email = input.email.trim().toLowerCase();
  const row = await db
    .insertInto('users')
    .values({ id: randomUUID(), email, name: input.name ?? '' })
    .onConflict((oc) => oc.column('email').doNothing())
    .returning(['id', 'email', 'name'])
    .executeTakeFirst();
  if (!row) throw new UserExistsError(`A user with email ${email} already exists`);
  return row;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom('users').select(['id', 'email', 'name']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

/** Sign-in with a provider: find the user by email or create one. */
export async function upsertUser(db: Db, input: { email: string; name?: string }): Promise<User> {
  return (await findUserByEmail(db, input.email)) ?? createUser(db, input);
}

export async function findUser(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', id).executeTakeFirst();
}
