import type { CalendarProvider, MailProvider } from '../../src/providers/types.js';

/** A message as a test wants it delivered into an emulated inbox. */
export interface InjectedMessage {
  from: string; // "Name <addr>" or "addr"
  to: string[];
  cc?: string[];
  subject: string;
  /** RFC 2822 date string; defaults to the emulator's now. */
  date?: string;
  /** Extra raw headers, e.g. { 'List-Id': '<x.example.com>' } */
  headers?: Record<string, string>;
  body?: string;
  /** Ids in the emulator's own terms, for threading tests. */
  threadId?: string;
  labels?: string[]; // e.g. ['SPAM'] for Gmail, folder name for Graph
}

export interface InjectedEvent {
  subject: string;
  organizer: string;
  attendees: string[]; // includes the user; the user's response starts as needsAction
  start: string; // ISO instant
  end: string;
  allowNewTimeProposals?: boolean;
}

export type Fault =
  | { kind: 'status'; status: 429 | 500 | 503; retryAfterSeconds?: number; times: number }
  | { kind: 'userRateLimit'; times: number }
  | { kind: 'reset'; times: number }
  | { kind: 'revokeTokens' };

export interface SentRecord {
  raw: string; // decoded RFC 5322 text as received
  threadId?: string;
}

/** What every emulator offers the contract suite. */
export interface EmulatorControl {
  userAddress: string;
  injectMessage(m: InjectedMessage): Promise<{ providerMessageId: string; threadId: string }>;
  injectSentMessage(m: InjectedMessage): Promise<{ providerMessageId: string; threadId: string }>;
  expireMailCursor(): Promise<void>;
  injectEvent(e: InjectedEvent): Promise<{ providerEventId: string }>;
  /** The self attendee's response and comment as the emulator stored it. */
  eventResponse(providerEventId: string): Promise<{ response: string; comment?: string }>;
  expireCalendarCursor(): Promise<void>;
  busy(start: string, end: string): Promise<void>;
  sent(): Promise<SentRecord[]>;
  fault(f: Fault): Promise<void>;
  requestCount(): Promise<number>;
  quotaUnits?(): Promise<number>;
}

export interface ProviderHarness {
  name: string;
  /**
   * Faults the protocol cannot produce, with the reason (IMAP has no HTTP status codes). Tests
   * of those faults are skipped for this harness, and the skip names the reason.
   */
  unsupportedFaults?: Partial<Record<Fault['kind'], string>>;
  start(): Promise<{ mail: MailProvider; calendar: CalendarProvider; control: EmulatorControl }>;
  stop(): Promise<void>;
}
