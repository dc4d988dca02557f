import type { Expectation } from '../domain/follow-up/expectations.js';
import { closeRecap, type RecapRow } from '../storage/agreements.js';
import { logActivity } from '../storage/activity.js';
import { inTransaction, type Db } from '../storage/db.js';
import { insertExpectation } from '../storage/expectations.js';

class AlreadyClosed extends Error {}

/**
 * A confirmed recap becomes an agreement on the client (a free-text expectation with no due
 * date), in one transaction with closing the recap. Null when the recap was no longer pending.
 */
export async function confirmRecap(db: Db, userId: string, recap: RecapRow, by: 'client' | 'user', at: Date, chosen: { clientId: string; title?: string }): Promise<Expectation | null> {
  const title = (chosen.title ?? recap.decision).slice(0, 300);
  const reason = by === 'client' ? `confirmed by the client in reply to your recap of "${recap.subject}"` : `recap of "${recap.subject}" confirmed by you`;
  let created: Expectation;
  try {
    created = await inTransaction(db, async (trx) => {
      const e = await insertExpectation(trx, userId, chosen.clientId, { kind: 'free-text', title, party: 'client', dueAt: null, params: {} }, at, 'suggestion', reason);
      if (!(await closeRecap(trx, userId, recap.id, 'confirmed', at, { confirmedBy: by, expectationId: e.id }))) throw new AlreadyClosed();
      return e;
    });
  } catch (err) {
    if (err instanceof AlreadyClosed) return null;
    throw err;
  }
  await logActivity(db, { userId, accountId: recap.account_id, clientId: chosen.clientId, kind: 'recap.confirmed', summary: `Agreed, ${by === 'client' ? 'confirmed by the client' : 'confirmed by you'}: "${title}". It is now one of this client's agreements.`, ref: recap.message_ref, at });
  return created;
}
