import type { ConversationMessage } from '../follow-up/conversation.js';
import type { Expectation } from '../follow-up/expectations.js';
import type { DigestHeldRow, HeldInDigest } from './waiting.js';
import type { AbuseItem } from './abuse.js';
import type { FollowUpReport } from '../follow-up/types.js';
import type { ChasingRow } from '../pressure/chasing.js';
import type { OwnShare } from '../pressure/own-share.js';
import type { ClientProfile } from '../pressure/profile.js';
import type { InstantCategory } from '../hours/index.js';
import type { Settings } from '../settings.js';
import type { ContractDigestRow } from './contracts.js';
import type { MoneyDigest } from './money.js';

/**
 * The digest's input (rows the pipeline reads, already scoped to one user) and its model (what the
 * renderers draw). Instants are ISO 8601. The model is stored as JSON, so it holds data, not words.
 */

export interface DigestInboundRow {
  at: string;
  sender: string | null;
  senderName?: string;
  subject: string;
  /** The decision Boundary made: auto-reply, notify-only or none, and why. */
  action: string;
  category: string;
  reasons: Array<{ code: string; message: string }>;
  reply: { state: string; sentAt: string | null; error: string | null } | null;
  /** Why a queued reply was cancelled, in the words of the activity log. */
  cancelledBecause?: string;
}

export interface DigestAbusiveRow {
  at: string;
  sender: string;
  subject: string;
  /** The words that made it abusive. */
  evidence: string;
}

export interface DigestInvitationRow {
  subject: string;
  organizer: string | null;
  start: string;
  end: string;
  category: string;
  action: string;
  proposals: string[];
  answer: string | null;
  answeredAt: string | null;
}

export interface DigestSentRow {
  at: string;
  recipients: string[];
  subject: string;
}

export interface DigestArrivalRow {
  at: string;
  sender: string;
}

export interface DigestAccountRow {
  address: string;
  provider: string;
  status: string;
  statusReason: string | null;
  sending: boolean;
  lastSyncedAt: string | null;
  watchExpiresAt: string | null;
  calendarWatchExpiresAt: string | null;
  /** Jobs that failed for good since the previous digest (activity kind 'error'). */
  failures: string[];
}

export interface DigestInput {
  userName: string;
  /** Effective settings: stored settings, the client directory and the user's own addresses. */
  settings: Settings;
  /** The local date this digest is for. */
  date: string;
  /** Start of the period: the previous digest, or a day before. */
  since: string;
  inbound: DigestInboundRow[];
  /** Abusive client mail of the period at any hour, from the signals stored with it (issue 18). */
  abusive?: DigestAbusiveRow[];
  invitations: DigestInvitationRow[];
  sent: DigestSentRow[];
  /** Client mail of the last four weeks, for the pressure comparison and the heatmap. */
  arrivals: DigestArrivalRow[];
  accounts: DigestAccountRow[];
  followUp: FollowUpReport;
  /** Client mail both ways, oldest first, reaching back at least patternSpanMs (chasing, the problem-client line). */
  conversation?: ConversationMessage[];
  /** The user's agreements with clients, for who broke which. */
  expectations?: Expectation[];
  /** The user's replies held for the working day (issue 21); absent reads as none. */
  held?: DigestHeldRow[];
  /** Invoices, late payers and scope creep; absent in digests built before issue 20. */
  money?: MoneyDigest;
  /** Clients with work going on and no signed contract; absent in digests built before issue 20. */
  contracts?: ContractDigestRow[];
}

export type Outcome = 'replied' | 'reply-queued' | 'preview' | 'held' | 'cancelled' | 'failed';

export interface AfterHoursMessage {
  at: string;
  /** "Tue 22:14" in the user's zone. */
  localTime: string;
  category: InstantCategory;
  sender: string;
  subject: string;
  outcome: Outcome;
  /** Why it was held or cancelled; absent when Boundary replied. */
  why?: string;
}

export interface ClientAfterHours {
  client: string;
  vip: boolean;
  messages: AfterHoursMessage[];
}

export interface MeetingItem {
  subject: string;
  organizer: string | null;
  localStart: string;
  category: string;
  action: string;
  answer: string | null;
  proposals: string[];
}

export interface OwnBoundary {
  count: number;
  clients: Array<{ client: string; count: number }>;
  examples: Array<{ client: string; localTime: string; subject: string; category: InstantCategory }>;
}

export interface PressureRow {
  client: string;
  thisWeek: { total: number; outside: number };
  lastWeek: { total: number; outside: number };
  /** Share of messages outside hours, 0..1; null without messages. */
  shareNow: number | null;
  shareBefore: number | null;
  rising: boolean;
  /** Most of this week's mail came outside hours (at least two messages), rising or not. */
  heavy: boolean;
  /** The user's own mail to them this week; absent when the user sent none (and in digests stored before issue 21). */
  yours?: OwnShare;
}

export interface Heatmap {
  /** counts[weekday 0=Mon][hour 0..23] in the user's zone. */
  counts: number[][];
  /** Whether the hour is inside the user's usual weekly hours. */
  working: boolean[][];
  max: number;
  total: number;
  weeks: number;
}

export interface AccountHealth {
  address: string;
  provider: string;
  problem: 'needs-reconnect' | 'watch-lapsed' | 'job-failed' | 'sync-lag' | 'preview' | null;
  detail: string | null;
  syncLagMinutes: number | null;
}

export interface DigestModel {
  version: 1;
  date: string;
  /** Weekday name of `date`, and whether it is a working day for the user. */
  weekday: string;
  dayKind: 'working' | 'weekend' | 'holiday' | 'vacation' | 'day-off';
  holidayName: string | null;
  generatedAt: string;
  since: string;
  timeZone: string;
  userName: string;
  partOfDay: 'morning' | 'afternoon' | 'evening';
  empty: boolean;
  /** Abusive mail, unanswered (issue 18); absent in digests stored before it. */
  abuse?: AbuseItem[];
  afterHours: { total: number; replied: number; held: number; preview: number; clients: ClientAfterHours[] };
  meetings: MeetingItem[];
  /** The follow-up report, each list cut to the first few; `followUpCounts` has the full sizes. */
  followUp: FollowUpReport;
  followUpCounts: { awaitingClients: number; quietClients: number; reappearances: number; unansweredByUser: number; expectations: number };
  ownBoundary: OwnBoundary | null;
  pressure: PressureRow[];
  /** Who chased the user this week, with counts. */
  chasing: ChasingRow[];
  /** Weekly (on the first working weekday): problem clients and clients with a problem; else null. */
  problemClients: ClientProfile[] | null;
  heatmap: Heatmap;
  accounts: AccountHealth[];
  /** Issue 21: held replies waiting, and whether holding is on. Digests stored before it have none. */
  held?: HeldInDigest;
  money?: MoneyDigest;
  contracts?: ContractDigestRow[];
}
