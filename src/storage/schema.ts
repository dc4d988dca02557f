import type { ProviderKind } from '../domain/message.js';
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { InvitationDecision } from '../domain/invitation.js';
import type { InvitationMeta, MessageMeta } from '../domain/message.js';
import type { Signal } from '../domain/signals/types.js';
import type { SendStep, WatchInfo } from '../providers/types.js';

/** Row types for Kysely. Timestamps are read as Date and may be written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type TimestampDefault = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export interface UsersTable {
  id: string;
  email: string;
  name: ColumnType<string, string | undefined, string>;
  created_at: TimestampDefault;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  label: ColumnType<string, string | undefined, string>;
  created_at: TimestampDefault;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
}

export interface SettingsTable {
  user_id: string;
  data: Json<object>;
  version: ColumnType<number, number | undefined, number>;
  updated_at: TimestampDefault;
}

export interface ClientsTable {
  id: string;
  user_id: string;
  data: Json<object>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

export type AccountStatus = 'active' | 'preview' | 'needs-reconnect' | 'error';

export interface AccountsTable {
  id: string;
  user_id: string;
  provider: ProviderKind;
  address: string;
  aliases: ColumnType<string[], string | undefined, string>;
  status: ColumnType<AccountStatus, AccountStatus | undefined, AccountStatus>;
  status_reason: string | null;
  sending: ColumnType<boolean, boolean | undefined, boolean>;
  tokens: string;
  mail_cursor: string | null;
  calendar_cursor: string | null;
  /** Sent mail up to this instant is in the ledger (messages, direction out). */
  sent_cursor_at: Timestamp | null;
  watch: Json<WatchInfo> | null;
  calendar_watch: Json<WatchInfo> | null;
  baseline_at: TimestampDefault;
  last_synced_at: Timestamp | null;
  last_notified_at: Timestamp | null;
  created_at: TimestampDefault;
  /** The user let Boundary write drafts into this mailbox (migration 012). */
  drafting: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface MessagesTable {
  id: Generated<string>;
  account_id: string;
  provider_message_id: string;
  thread_id: string;
  message_id: string | null;
  direction: 'in' | 'out';
  from_address: string | null;
  recipients: Json<string[]>;
  client_id: string | null;
  subject: ColumnType<string, string | undefined, string>;
  received_at: Timestamp;
  automated: ColumnType<boolean, boolean | undefined, boolean>;
  /** What Boundary noticed in an inbound message (migration 011). */
  signals: ColumnType<Signal[], string | undefined, string>;
}

export interface DecisionsTable {
  id: Generated<string>;
  account_id: string;
  provider_message_id: string;
  thread_id: string;
  sender: string | null;
  client_id: string | null;
  action: string;
  category: string;
  reasons: Json<Array<{ code: string; message: string }>>;
  /** The normalized metadata the decision was made on (no body), for re-checks and "why?". */
  meta: Json<MessageMeta>;
  received_at: Timestamp;
  decided_at: Timestamp;
  /** When the features' reactions (drafts, alerts) were done; null until then (migration 011). */
  reacted_at: ColumnType<Date | null, Date | string | undefined, Date | string | null>;
}

export type ReplyState = 'queued' | 'sending' | 'sent' | 'cancelled' | 'failed' | 'preview';

export interface RepliesTable {
  id: Generated<string>;
  decision_id: string;
  account_id: string;
  recipient: string;
  thread_id: string;
  message_id: string;
  state: ReplyState;
  mime: string;
  settings_version: number;
  send_after: Timestamp;
  sent_at: Timestamp | null;
  /** The user's sent mail was last read and found free of an answer at this instant. */
  checked_at: Timestamp | null;
  /** How far a multi-step send got (migration 008); null until the first outside step. */
  send_step: SendStep | null;
  error: string | null;
  created_at: TimestampDefault;
}

export interface InvitationsTable {
  id: Generated<string>;
  account_id: string;
  provider_event_id: string;
  data: Json<InvitationMeta>;
  decision: Json<InvitationDecision> | null;
  answer: string | null;
  answered_at: Timestamp | null;
  updated_at: TimestampDefault;
}

export interface ActivityTable {
  id: Generated<string>;
  user_id: string;
  account_id: string | null;
  client_id: string | null;
  kind: string;
  summary: string;
  reasons: ColumnType<Array<{ code: string; message: string }>, string | undefined, string>;
  ref: string | null;
  at: Timestamp;
}

export type HeldState = 'waiting' | 'sending' | 'sent' | 'cancelled' | 'gone';

export interface HeldMessagesTable {
  id: Generated<string>;
  user_id: string;
  account_id: string;
  draft_id: string;
  state: HeldState;
  fingerprint: string;
  message_id: string | null;
  recipient: string;
  subject: string;
  client_id: string | null;
  basis: string;
  reason: string;
  send_at: Timestamp;
  marked_at: Timestamp;
  sent_at: Timestamp | null;
  created_at: TimestampDefault;
  /** Migration 013: the provider's change marker of the draft as last read. */
  draft_version: string | null;
  /** Migration 013: how far a multi-step send got (SendStep). */
  send_step: string | null;
}

export interface OAuthStatesTable {
  state: string;
  user_id: string | null;
  provider: string;
  purpose: 'connect' | 'sign-in';
  code_verifier: string;
  expires_at: Timestamp;
  /** An incremental consent for an account already connected (migration 012): which one, and for what. */
  account_id: ColumnType<string | null, string | null | undefined, string | null>;
  feature: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Database {
  users: UsersTable;
  api_tokens: ApiTokensTable;
  settings: SettingsTable;
  clients: ClientsTable;
  accounts: AccountsTable;
  messages: MessagesTable;
  decisions: DecisionsTable;
  replies: RepliesTable;
  invitations: InvitationsTable;
  activity: ActivityTable;
  oauth_states: OAuthStatesTable;
  expectations: ExpectationsTable;
  expectation_suggestions: ExpectationSuggestionsTable;
  reminders: RemindersTable;
  digests: DigestsTable;
  sessions: SessionsTable;
  login_links: LoginLinksTable;
  sign_in_identities: SignInIdentitiesTable;
  calendar_time_off: CalendarTimeOffTable;
  held_messages: HeldMessagesTable;
  drafts: DraftsTable;
}

export type DraftState = 'queued' | 'writing' | 'written' | 'skipped' | 'failed';

/** Drafts written into the user's mailbox (migration 012); `body` is cleared once written. */
export interface DraftsTable {
  id: Generated<string>;
  user_id: string;
  account_id: string;
  client_id: string | null;
  kind: string;
  dedupe_key: string;
  recipient: string;
  subject: string;
  language: string;
  in_reply_to: Json<{ providerMessageId: string; messageId: string | null; threadId: string }> | null;
  state: DraftState;
  body: string | null;
  message_id: string;
  provider_draft_id: string | null;
  error: string | null;
  created_at: TimestampDefault;
  written_at: Timestamp | null;
}

/** Out-of-office events of a connected calendar (migration 009): dates for all-day events, else ISO instants. */
export interface CalendarTimeOffTable {
  account_id: string;
  event_id: string;
  all_day: boolean;
  start_at: string;
  end_at: string;
}

/** Which provider identity (Microsoft: the home account id, oid.tid) signs in as which user (migration 006). */
export interface SignInIdentitiesTable {
  provider: string;
  subject: string;
  user_id: string;
  created_at: TimestampDefault;
}

/** Browser sessions (migration 004): the cookie value is random; only its SHA-256 is stored. */
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_secret: string;
  created_at: TimestampDefault;
  expires_at: Timestamp;
}

/** Used login-link nonces (hashed), kept until the link would have expired. */
export interface LoginLinksTable {
  token_hash: string;
  created_at: TimestampDefault;
  expires_at: Timestamp;
}

/** One daily digest per user and local date (migration 003). */
export interface DigestsTable {
  id: Generated<string>;
  user_id: string;
  /** Local date YYYY-MM-DD in the user's zone. */
  date: string;
  since: Timestamp;
  model: Json<object>;
  text: string;
  html: string;
  subject: string;
  message_id: string;
  created_at: TimestampDefault;
  send_started_at: Timestamp | null;
  sent_at: Timestamp | null;
  sent_via: string | null;
}

/** Agreed expectations with a client (migration 002). `history` lists every status change. */
export interface ExpectationsTable {
  id: string;
  user_id: string;
  client_id: string;
  kind: string;
  title: string;
  party: ColumnType<string, string | undefined, string>;
  params: ColumnType<Record<string, number>, string | undefined, string>;
  due_at: Timestamp | null;
  status: ColumnType<string, string | undefined, string>;
  history: ColumnType<Array<{ at: string; from: string | null; to: string; reason: string }>, string | undefined, string>;
  source: ColumnType<string, string | undefined, string>;
  created_at: TimestampDefault;
  updated_at: TimestampDefault;
}

/** Commitments proposed from mail, waiting for the user to accept or dismiss (migration 002). */
export interface ExpectationSuggestionsTable {
  id: string;
  user_id: string;
  account_id: string;
  provider_message_id: string;
  thread_id: string;
  client_id: string | null;
  kind: string;
  title: string;
  party: string;
  date_text: string;
  due_at: Timestamp;
  status: ColumnType<'pending' | 'accepted' | 'dismissed', 'pending' | 'accepted' | 'dismissed' | undefined, 'pending' | 'accepted' | 'dismissed'>;
  expectation_id: string | null;
  created_at: TimestampDefault;
}

export type ReminderStatus = 'open' | 'done' | 'dismissed' | 'resolved';

/** Follow-up reminders, unique per user + kind + subject + episode + level (migration 002). */
export interface RemindersTable {
  id: string;
  user_id: string;
  kind: string;
  subject: string;
  episode: string;
  level: number;
  client_id: string | null;
  status: ColumnType<ReminderStatus, ReminderStatus | undefined, ReminderStatus>;
  title: string;
  detail: string;
  suggested_follow_up: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}
