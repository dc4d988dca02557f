import { sql } from 'kysely';
import type { MessageMeta } from '../domain/message.js';
import type { Signal } from '../domain/signals/types.js';
import { activityFor, type ActivityEntry } from './activity.js';
import type { Db } from './db.js';
import { insertMessageRow, messageRow, type NewDecision, type NewReply } from './ledger.js';
import { runFixed } from './prepared.js';

export interface DecisionRecord {
  decision: NewDecision;
  /** The inbound message as the ledger keeps it (recorded whether or not this call wins the decision). */
  message: { meta: MessageMeta; clientId: string | null; automated: boolean; signals: Signal[] };
  /** The reply to queue (or preview) with the decision. */
  reply?: Omit<NewReply, 'decisionId'>;
  /** Written only when this call recorded the decision. */
  activity: ActivityEntry[];
}

/**
 * An inbound message, its decision, the reply and their Activity lines, as one statement: it is
 * atomic without a transaction, and it is one round trip where it used to be seven, on the path
 * every message takes. The decision is unique per (account, message): when another worker recorded
 * it first, nothing but the message row is written, and null is returned.
 */
export async function recordDecisionOnce(db: Db, r: DecisionRecord): Promise<{ decisionId: string; replyId: string | null } | null> {
  const d = r.decision;
  const m = r.message.meta;
  const msg = messageRow(d.accountId, m, 'in', r.message.clientId, r.message.automated, r.message.signals);
  const reply = r.reply;
  const replyCte = reply
    ? sql`, r as (
        insert into replies (decision_id, account_id, recipient, thread_id, message_id, state, mime, settings_version, send_after, created_at)
        select d.id, ${reply.accountId}, ${reply.recipient}, ${reply.threadId}, ${reply.messageId}, ${reply.state}, ${reply.mime}, ${reply.settingsVersion}, ${reply.sendAfter}, ${reply.createdAt} from d
        returning id)`
    : sql``;
  const rows = await runFixed(db, sql<{ decision_id: string | null; reply_id: string | null }>`
    with m as (${insertMessageRow(msg)}), d as (
      insert into decisions (account_id, provider_message_id, thread_id, sender, client_id, action, category, reasons, meta, received_at, decided_at)
      values (${d.accountId}, ${m.providerMessageId}, ${m.threadId}, ${m.from?.address ?? null}, ${d.clientId}, ${d.action}, ${d.category}, ${JSON.stringify(d.reasons)}::jsonb, ${JSON.stringify(m)}::jsonb, ${m.receivedAt}::timestamptz, ${d.at})
      on conflict (account_id, provider_message_id) do nothing
      returning id
    )${replyCte}, a as (${activityFor('d', r.activity)})
    select (select id from d)::text as decision_id, ${reply ? sql`(select id from r)::text` : sql`null::text`} as reply_id`);
  const row = rows[0];
  if (!row?.decision_id) return null;
  return { decisionId: row.decision_id, replyId: row.reply_id };
}
