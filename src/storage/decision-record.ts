import { sql } from 'kysely';
import type { MessageMeta } from '../domain/message.js';
import type { Signal } from '../domain/signals/types.js';
import type { ActivityEntry } from './activity.js';
import type { Db } from './db.js';
import type { NewDecision, NewReply } from './ledger.js';

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
  const recipients = [...m.to, ...m.cc].map((a) => a.address);
  const reply = r.reply;
  const replyCte = reply
    ? sql`, r as (
        insert into replies (decision_id, account_id, recipient, thread_id, message_id, state, mime, settings_version, send_after, created_at)
        select d.id, ${reply.accountId}, ${reply.recipient}, ${reply.threadId}, ${reply.messageId}, ${reply.state}, ${reply.mime}, ${reply.settingsVersion}, ${reply.sendAfter}, ${reply.createdAt} from d
        returning id)`
    : sql``;
  const activity = r.activity.map((e) => ({ user_id: e.userId, account_id: e.accountId ?? null, client_id: e.clientId ?? null, kind: e.kind, summary: e.summary, reasons: e.reasons ?? [], ref: e.ref ?? null, at: e.at.toISOString() }));
  const { rows } = await sql<{ decision_id: string | null; reply_id: string | null }>`
    with m as (
      insert into messages (account_id, provider_message_id, thread_id, message_id, direction, from_address, recipients, client_id, subject, received_at, automated, signals)
      values (${d.accountId}, ${m.providerMessageId}, ${m.threadId}, ${m.messageId}, 'in', ${m.from?.address ?? null}, ${JSON.stringify(recipients)}::jsonb, ${r.message.clientId}, ${m.subject.slice(0, 500)}, ${m.receivedAt}::timestamptz, ${r.message.automated}, ${JSON.stringify(r.message.signals)}::jsonb)
      on conflict (account_id, provider_message_id) do nothing
    ), d as (
      insert into decisions (account_id, provider_message_id, thread_id, sender, client_id, action, category, reasons, meta, received_at, decided_at)
      values (${d.accountId}, ${m.providerMessageId}, ${m.threadId}, ${m.from?.address ?? null}, ${d.clientId}, ${d.action}, ${d.category}, ${JSON.stringify(d.reasons)}::jsonb, ${JSON.stringify(m)}::jsonb, ${m.receivedAt}::timestamptz, ${d.at})
      on conflict (account_id, provider_message_id) do nothing
      returning id
    )${replyCte}, a as (
      insert into activity (user_id, account_id, client_id, kind, summary, reasons, ref, at)
      select x.user_id, x.account_id, x.client_id, x.kind, x.summary, x.reasons, x.ref, x.at from d,
        jsonb_to_recordset(${JSON.stringify(activity)}::jsonb) as x(user_id text, account_id text, client_id text, kind text, summary text, reasons jsonb, ref text, at timestamptz)
    )
    select (select id from d)::text as decision_id, ${reply ? sql`(select id from r)::text` : sql`null::text`} as reply_id`.execute(db);
  const row = rows[0];
  if (!row?.decision_id) return null;
  return { decisionId: row.decision_id, replyId: row.reply_id };
}
