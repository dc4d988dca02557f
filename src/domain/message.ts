/** Normalized message and invitation metadata: what providers hand to the domain. No bodies. */

/** The kinds of mailbox Boundary can connect. */
export type ProviderKind = 'google' | 'microsoft' | 'imap';

export interface Address {
  name?: string;
  address: string; // lower-cased on normalization
}

/** Header names are lower-cased. Only the headers the rules need (RULE_HEADERS) are kept. */
export type HeaderMap = Record<string, string>;

/**
 * The headers the rules read, lower-case: every provider asks for and keeps exactly these, so a
 * marker rule added here reaches Gmail, Graph and .eml input alike.
 */
export const RULE_HEADERS = [
  'auto-submitted', 'precedence', 'list-id', 'list-unsubscribe', 'list-help', 'list-subscribe', 'list-post',
  'list-owner', 'list-archive', 'x-auto-response-suppress', 'return-path', 'in-reply-to', 'references',
  'resent-to', 'resent-cc', 'resent-bcc', 'content-language', 'x-boundary-in-reply-to', 'delivered-to',
  'sender', 'content-type',
  // machine markers outside RFC 3834 (src/domain/etiquette/machine-markers.ts)
  'x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-fc-machinegenerated', 'x-precedence',
  'x-loop', 'x-no-loop', 'x-otrs-loop', 'x-rt-loop-prevention', 'x-zammad-is-auto-response',
  // the sender's own urgency marks (src/domain/signals)
  'importance', 'x-priority', 'priority',
] as const;

export interface MessageMeta {
  provider: ProviderKind;
  /** Provider's own id (Gmail id, Graph id). */
  providerMessageId: string;
  /** Gmail threadId / Graph conversationId. */
  threadId: string;
  /** RFC 5322 Message-ID including angle brackets, or null when absent. */
  messageId: string | null;
  from: Address | null;
  replyTo: Address[];
  to: Address[];
  cc: Address[];
  bcc: Address[];
  /** The raw Date header, kept so the domain can read the sender's UTC offset. */
  dateHeader: string | null;
  /** When the provider received it (ISO 8601 instant, UTC). */
  receivedAt: string;
  subject: string;
  headers: HeaderMap;
  /** Normalized lower-case labels: 'inbox', 'spam', 'sent', 'draft', 'trash', plus provider categories. */
  labels: string[];
  /**
   * The iTIP METHOD (RFC 5546) of a text/calendar part, upper-case, when the provider can see one
   * (a part of a multipart message, or Graph's meeting-message type). Absent when unknown.
   */
  calendarMethod?: string;
  /** Optional short text (first lines) when a feature needs it for language detection; never stored. */
  snippet?: string;
  /**
   * File names of the attachments, when the provider's metadata read shows them (IMAP
   * BODYSTRUCTURE; Gmail's format=metadata and Graph's message list do not). A contract sent as
   * "Contract-Acme.pdf" is recognised by it.
   */
  attachmentNames?: string[];
  /** Why invalid addresses or message ids were left out at the provider edge (logged by the sync). */
  dropped?: string[];
}

export type AttendeeResponse = 'needsAction' | 'accepted' | 'tentative' | 'declined';

export interface InvitationMeta {
  provider: ProviderKind;
  providerEventId: string;
  iCalUID: string | null;
  subject: string;
  organizer: Address | null;
  /** ISO 8601 instants (UTC). */
  start: string;
  end: string;
  /** IANA zone the organizer used, when known. */
  timeZone: string | null;
  isAllDay: boolean;
  selfResponse: AttendeeResponse;
  allowNewTimeProposals: boolean;
  /** Set when the event was removed or cancelled. */
  cancelled: boolean;
  /** The iCalendar SEQUENCE (RFC 5545 §3.8.7.4) the invitation carried, when known; an answer echoes it. */
  sequence?: number;
  etag?: string;
  updatedAt: string;
}

export interface BusyInterval {
  start: string;
  end: string;
}
