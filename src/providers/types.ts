import type { CalendarTimeOff } from '../domain/hours/index.js';
import type { BusyInterval, InvitationMeta, MessageMeta, ProviderKind } from '../domain/message.js';

/** The few vendor error kinds that matter for retrying. Nothing outside providers/ sees vendor JSON. */
export type ProviderErrorKind =
  | 'rate_limited'
  | 'auth_revoked'
  | 'cursor_expired'
  | 'not_found'
  | 'transient'
  | 'permanent';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Holds an account's calls back while it is throttled. `before` runs before every API call and
 * throws rate_limited while a pause lasts; `throttled` starts one when a call is answered 429.
 * Checked per call, not per job, so parallel reads stop as soon as one of them is throttled.
 */
export interface CallGate {
  before(): Promise<void>;
  throttled(retryAfterMs: number): Promise<void>;
  /**
   * Waits for one of the account's `limit` request slots, shared by every job and process, and
   * returns its release. Throws rate_limited when none frees up in reasonable time.
   */
  slot?(limit: number): Promise<() => Promise<void>>;
}

export interface MailboxProfile {
  address: string;
  aliases: string[];
}

export interface WatchInfo {
  /** Provider id of the watch/subscription/channel (Gmail watch has none: use the topic). */
  id: string;
  /** ISO instant. */
  expiresAt: string;
  /** Extra provider data needed to stop it later (resourceId, clientState...). Opaque to callers. */
  resource?: string;
}

/** Why a read stopped half-way: the kind of the fault that stopped it, and when to come back. */
export interface Incomplete {
  kind: Extract<ProviderErrorKind, 'rate_limited' | 'transient'>;
  retryAfterMs: number;
  reason: string;
}

export interface MailChanges {
  messages: MessageMeta[];
  cursor: string;
  /**
   * Some messages could not be read this time (throttled or a passing fault). The ones that could
   * are returned, the cursor stays where it was, and the caller comes back after `retryAfterMs`.
   */
  incomplete?: Incomplete;
}

export interface SentMail {
  /** What the user sent after `since`, less the messages the caller already knows. */
  messages: MessageMeta[];
  /** Some could not be read this time; the ones that could are returned. As in MailChanges. */
  incomplete?: Incomplete;
}

export interface OutgoingMail {
  /** Complete RFC 5322 message (CRLF line endings). */
  mime: string;
  /** The Message-ID the MIME carries; used to find an already-sent copy after a crash. */
  messageId: string;
  /** Thread to join (Gmail threadId). */
  threadId?: string;
  /** Provider id of the message being answered, when replying. */
  inReplyToProviderId?: string;
  /** Durable progress for providers whose send takes several outside steps (IMAP); others ignore it. */
  progress?: SendProgress;
  /** Envelope recipients the headers do not name (a held draft's Bcc, taken out of the MIME). SMTP only. */
  bcc?: string[];
}

/**
 * Steps of a multi-step send, each recorded before the next outside effect:
 * `committing`: the whole message is with the SMTP server, which accepts it once it reads the
 * final dot, so from here it may have gone out; `submitted`: the server accepted it;
 * `appended`: the copy is in the Sent folder.
 */
export type SendStep = 'committing' | 'submitted' | 'appended';

export interface SendProgress {
  /** The step recorded by an earlier attempt, or null when none got that far. */
  readonly step: SendStep | null;
  record(step: SendStep | null): Promise<void>;
}

export interface SentMessageRef {
  providerMessageId: string | null;
  /**
   * The id the sent copy has in `sentSince` listings, where the provider knows it as the send
   * returns (Gmail: the sent message is its own copy). The ledger records the copy at once, so the
   * next read of sent mail finds it known and does not fetch it again.
   */
  sentCopyId?: string;
}

export interface MailProvider {
  readonly kind: ProviderKind;
  profile(): Promise<MailboxProfile>;
  /** The current cursor: anything before it is backlog. */
  baseline(): Promise<string>;
  startWatch(): Promise<WatchInfo>;
  renewWatch(current: WatchInfo): Promise<WatchInfo>;
  stopWatch(current: WatchInfo): Promise<void>;
  /**
   * New inbox messages since the cursor, less those whose provider ids are in `known` (not fetched
   * again). Throws ProviderError('cursor_expired') when the cursor is gone.
   */
  mailChangesSince(cursor: string, known?: ReadonlySet<string>): Promise<MailChanges>;
  /** Full resync of inbox messages received after `since` (ISO); returns a fresh cursor. */
  resyncSince(since: string): Promise<MailChanges>;
  send(mail: OutgoingMail): Promise<SentMessageRef>;
  /** Whether a message with this RFC Message-ID is already in the sent folder. */
  findSent(messageId: string): Promise<SentMessageRef | null>;
  /**
   * Metadata of messages the user sent after `since` (for client suggestions, silence and "did the
   * user answer?"). Messages whose provider ids are in `known` are left out, and not fetched again.
   */
  sentSince(since: string, limit: number, known?: ReadonlySet<string>): Promise<SentMail>;
}

/** A draft the user marked to wait for working hours (issue 21), as it is now. */
export interface HeldDraft {
  draftId: string;
  /** The RFC Message-ID of the draft's current content: how a send that already happened is found again. */
  messageId: string | null;
  /** Changes whenever the user edits the draft while it waits. */
  fingerprint: string;
  /**
   * The provider's cheap change marker, read without the draft's content (Gmail: the message id,
   * renewed on every save; Graph: changeKey; IMAP: the UID, renewed on every save).
   */
  version: string;
  /** False once the user took the mark off the draft. */
  marked: boolean;
  recipients: string[];
  subject: string;
  threadId?: string;
}

/**
 * Held drafts: a capability a provider may lack (like calendar), and one that needs more than
 * the default scopes (Gmail: gmail.compose and gmail.labels, or gmail.modify).
 */
export interface HeldDrafts {
  /**
   * The drafts carrying the hold mark; the mark (a label) is created when it does not exist yet.
   * Drafts in `known` (draft id → version) whose version did not change are left out, unread.
   */
  listMarked(known?: ReadonlyMap<string, string>): Promise<HeldDraft[]>;
  /** The draft as it is now; null when it was deleted or already sent. */
  get(draftId: string): Promise<HeldDraft | null>;
  /**
   * Sends the draft as it is now. Throws not_found when the draft is gone. Providers whose send
   * takes several outside steps (IMAP) record them in `progress` and resume from it.
   */
  send(draftId: string, progress?: SendProgress): Promise<SentMessageRef>;
  /**
   * Whether the content with this Message-ID reached Sent, looking only there (where drafts share
   * a search with sent mail, as on Graph). Without it the provider's findSent is asked.
   */
  sentCopy?(messageId: string): Promise<SentMessageRef | null>;
}

/** What a draft is written from: the complete message and the Message-ID it carries. */
export type DraftMail = Pick<OutgoingMail, 'mime' | 'messageId' | 'threadId' | 'inReplyToProviderId'>;

export interface DraftRef {
  /** The provider's id of the draft (Gmail draft id, Graph message id, IMAP Message-ID). */
  draftId: string;
}

/**
 * Drafts Boundary writes into the user's own mailbox for them to read, edit and send (issue 20):
 * a capability a provider may lack, and one that may need more than the default scopes.
 */
export interface DraftWriter {
  /** Saves the message as a draft in the user's Drafts folder, joining `threadId` where the provider threads. */
  create(mail: DraftMail): Promise<DraftRef>;
  /** The draft carrying this Message-ID, if one was saved: how a write that may have happened is found after a crash. */
  find(messageId: string): Promise<DraftRef | null>;
}

export interface CalendarChanges {
  invitations: InvitationMeta[];
  cursor: string;
  /**
   * Out-of-office events in this batch (`current`), and ids of changed events that are not, or
   * no longer, time off (`gone`: deleted, cancelled, or changed to another type). Kinds whose
   * calendars have no out-of-office events leave it out.
   */
  timeOff?: { current: CalendarTimeOff[]; gone: string[] };
}

export type InvitationAnswer = 'accepted' | 'tentative' | 'declined';

export interface CalendarProvider {
  calendarBaseline(): Promise<string>;
  calendarChangesSince(cursor: string): Promise<CalendarChanges>;
  startCalendarWatch(): Promise<WatchInfo>;
  /**
   * Extends a calendar watch before it lapses, or opens a new one where watches can't be extended
   * (the caller then stops the old one). Throws not_found when the watch is gone.
   */
  renewCalendarWatch(current: WatchInfo): Promise<WatchInfo>;
  stopCalendarWatch(current: WatchInfo): Promise<void>;
  answerInvitation(
    invitation: InvitationMeta,
    answer: InvitationAnswer,
    comment: string,
    proposal?: { start: string; end: string },
  ): Promise<void>;
  freeBusy(from: string, to: string): Promise<BusyInterval[]>;
  /** Every out-of-office event overlapping [from, to) (ISO instants): read once when a baseline is taken. */
  timeOffBetween?(from: string, to: string): Promise<CalendarTimeOff[]>;
}
