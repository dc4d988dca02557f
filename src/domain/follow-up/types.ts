/**
 * What the silence and expectations features report, as the digest and the API consume it.
 * Instants are ISO 8601; durations are in working hours of the user's schedule.
 */

export interface ClientRef {
  id: string | null;
  name: string;
  address: string;
}

/** The user wrote last in a thread; the client hasn't answered for longer than the threshold. */
export interface AwaitingClient {
  client: ClientRef;
  threadId: string;
  subject: string;
  lastSentAt: string;
  waitingWorkingHours: number;
  thresholdWorkingHours: number;
  /** A gentle follow-up line the user can copy, reminding what was agreed when there is something. */
  suggestedFollowUp: string;
}

/** No message from a client for N working days while something is still open with them. */
export interface QuietClient {
  client: ClientRef;
  lastHeardAt: string;
  quietWorkingDays: number;
  openItems: string[];
  suggestedFollowUp: string;
}

/** A client came back after a long silence, maybe with urgent wording. */
export interface Reappearance {
  client: ClientRef;
  messageAt: string;
  subject: string;
  silentWorkingDays: number;
  urgentWords: string[];
  /** A calm reply opener restating timelines, not rushing. */
  suggestedResponse: string;
}

/** A client message the user hasn't answered within the response time they promised. */
export interface UnansweredByUser {
  client: ClientRef;
  threadId: string;
  subject: string;
  receivedAt: string;
  waitingWorkingHours: number;
  promisedWorkingHours: number;
}

export type ExpectationKind = 'response-time' | 'deliverable' | 'payment' | 'meetings-in-hours' | 'revision-limit' | 'free-text';
export type ExpectationStatus = 'open' | 'met' | 'due' | 'overdue' | 'broken';

export interface ExpectationItem {
  id: string;
  client: ClientRef;
  kind: ExpectationKind;
  title: string;
  status: ExpectationStatus;
  dueAt: string | null;
  suggestedFollowUp: string;
}

export interface FollowUpReport {
  generatedAt: string;
  awaitingClients: AwaitingClient[];
  quietClients: QuietClient[];
  reappearances: Reappearance[];
  unansweredByUser: UnansweredByUser[];
  /** Due today, overdue or broken. */
  expectations: ExpectationItem[];
  /** Proposed from mail, waiting for the user to accept or dismiss. */
  suggestionsPending: number;
}
