import type { Db } from './db.js';

/**
 * Where the user last heard from a listed client: the mailbox and the address they wrote from.
 * A closing note is drafted there, so it lands in the mailbox the relationship lives in.
 */
export async function lastHeardFrom(db: Db, userId: string, clientId: string): Promise<{ accountId: string; address: string } | undefined> {
  const row = await db
    .selectFrom('messages')
    .innerJoin('accounts', 'accounts.id', 'messages.account_id')
    .select(['messages.account_id', 'messages.from_address'])
    .where('accounts.user_id', '=', userId)
    .where('messages.client_id', '=', clientId)
    .where('messages.direction', '=', 'in')
    .where('messages.automated', '=', false)
    .where('messages.from_address', 'is not', null)
    .orderBy('messages.received_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { accountId: row.account_id, address: row.from_address! } : undefined;
}
