import { sql } from 'kysely';
import type { ConversationMessage } from '../domain/follow-up/conversation.js';
import type { InvitationFact } from '../domain/follow-up/expectations.js';
import type { Signal } from '../domain/signals/types.js';
import type { Db } from './db.js';

/**
 * A user's human mail in [from, until], oldest first, as the follow-up rules read it.
 *
 * Automated rows are left out here: the rules drop them anyway (`isAutomatic`), and on a large
 * mailbox every row read costs. The instant comes back as the ISO string the rules use
 * (millisecond precision, truncated, exactly as node-postgres would read it into a Date), which
 * spares parsing a Date per row only to print it again. `id` breaks ties, so that two messages
 * stamped alike always come in the order they were stored. Incoming rows come without
 * recipients (see ConversationMessage).
 */
export async function conversationBetween(db: Db, userId: string, from: Date, until: Date): Promise<ConversationMessage[]> {
  const rows = await db
    .selectFrom('messages')
    .innerJoin('accounts', 'accounts.id', 'messages.account_id')
    // Named as ConversationMessage names them, so each row pg builds is the message itself: a
    // second object per row was a tenth of the digest's time on a large mailbox, with its garbage.
    .select([
      'messages.account_id as accountId', 'messages.thread_id as threadId', 'messages.direction', 'messages.from_address as from', 'messages.client_id as clientId', 'messages.subject',
      // JSON is parsed per row, and most rows need none: recipients matter for the user's own
      // mail only, and most messages have no signal (half the read's time on a large mailbox).
      sql<string[] | null>`case when messages.direction = 'out' then messages.recipients end`.as('recipients'),
      sql<Signal[] | string[] | null>`nullif(messages.signals, '[]'::jsonb)`.as('signals'),
      sql<string>`to_char(messages.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('at'),
      sql<false>`false`.as('automated'),
    ])
    .where('accounts.user_id', '=', userId)
    .where('messages.automated', '=', false)
    .where('messages.received_at', '>=', from)
    .where('messages.received_at', '<=', until)
    .orderBy('messages.received_at')
    .orderBy('messages.id')
    .execute();
  for (const r of rows) {
    r.recipients ??= [];
    // Codes only: the counts read what was noticed, not its evidence.
    r.signals = r.signals ? (r.signals as Signal[]).map((sig) => sig.code) : [];
  }
  return rows as ConversationMessage[];
}

/** Invitations with a decision, as the meetings-in-hours expectation reads them. */
export async function invitationFacts(db: Db, userId: string): Promise<InvitationFact[]> {
  const rows = await db
    .selectFrom('invitations')
    .innerJoin('accounts', 'accounts.id', 'invitations.account_id')
    .select(['invitations.data', 'invitations.decision'])
    .where('accounts.user_id', '=', userId)
    .where('invitations.decision', 'is not', null)
    .execute();
  const out: InvitationFact[] = [];
  for (const r of rows) {
    const data = r.data as { organizer?: { address?: string } | null; start?: string };
    const category = (r.decision as { category?: unknown } | null)?.category;
    if (typeof category !== 'string' || typeof data.start !== 'string') continue;
    out.push({ organizer: data.organizer?.address ?? null, start: data.start, category });
  }
  return out;
}
