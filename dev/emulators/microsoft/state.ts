import { randomBytes, randomUUID } from 'node:crypto';

/** In-memory state of one emulated mailbox: messages, events, subscriptions, tokens, faults. */

export interface EmailAddress {
  emailAddress: { name: string; address: string };
}

export type FolderName = 'inbox' | 'junkemail' | 'sentitems' | 'drafts' | 'deleteditems';

export interface GraphMessage {
  id: string;
  folder: FolderName;
  conversationId: string;
  internetMessageId: string;
  from: EmailAddress | null;
  sender: EmailAddress | null;
  replyTo: EmailAddress[];
  toRecipients: EmailAddress[];
  ccRecipients: EmailAddress[];
  bccRecipients: EmailAddress[];
  subject: string;
  receivedDateTime: string;
  sentDateTime: string;
  internetMessageHeaders: { name: string; value: string }[];
  bodyPreview: string;
  body: { contentType: 'text' | 'html'; content: string };
  isDraft: boolean;
  /** Outlook categories (names); drafts.ts reads and writes them. */
  categories?: string[];
  /** Set on every change after creation; receivedDateTime until then. */
  lastModifiedDateTime?: string;
  /** Sequence number of the last change, for delta; the changeKey is derived from it. */
  changeSeq: number;
  /** Folder the message left (moved or deleted): delta reports it as @removed there. */
  removedFrom?: FolderName;
}

export interface GraphEvent {
  id: string;
  iCalUId: string;
  subject: string;
  isOrganizer: boolean;
  organizer: EmailAddress;
  attendees: { emailAddress: { name: string; address: string }; type: 'required'; status: { response: string; time: string } }[];
  responseRequested: boolean;
  responseStatus: { response: string; time: string };
  allowNewTimeProposals: boolean;
  /** UTC instants; rendered per Prefer: outlook.timezone. */
  startUtc: string;
  endUtc: string;
  /** Windows name of the zone the organizer used. */
  originalStartTimeZone: string;
  isAllDay: boolean;
  isCancelled: boolean;
  showAs: 'busy' | 'tentative' | 'free' | 'oof' | 'workingElsewhere' | 'unknown';
  lastModifiedDateTime: string;
  changeSeq: number;
  deleted: boolean;
  lastComment?: string;
  proposedNewTime?: unknown;
}

export interface Subscription {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl?: string;
  clientState?: string;
  expirationDateTime: string;
}

export interface Delivery {
  url: string;
  status: number | 'error';
  body: unknown;
}

export interface SentRaw {
  raw: string;
  messageId: string;
  via: 'mime' | 'json' | 'draft';
}

export const FOLDER_IDS: Record<FolderName, string> = {
  inbox: 'AAMkInbox-folder',
  junkemail: 'AAMkJunk-folder',
  sentitems: 'AAMkSent-folder',
  drafts: 'AAMkDrafts-folder',
  deleteditems: 'AAMkDeleted-folder',
};

export function newId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('base64url')}`;
}

export class GraphState {
  userId: string = randomUUID();
  readonly tenantId = randomUUID();
  userAddress = 'freelancer@contoso.example';
  displayName = 'Fran Freelancer';
  proxyAddresses: string[] = ['SMTP:freelancer@contoso.example'];
  mailboxTimeZone = 'W. Europe Standard Time';
  workingHours = {
    daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
    startTime: '09:00:00.0000000',
    endTime: '17:30:00.0000000',
    timeZone: { name: 'W. Europe Standard Time' },
  };
  /** Graph automaticRepliesSetting; scheduled windows are dateTimeTimeZone values (microsoft.md). */
  automaticRepliesSetting: {
    status: 'disabled' | 'alwaysEnabled' | 'scheduled';
    externalAudience: 'none' | 'contactsOnly' | 'all';
    scheduledStartDateTime?: { dateTime: string; timeZone: string };
    scheduledEndDateTime?: { dateTime: string; timeZone: string };
  } = { status: 'disabled', externalAudience: 'all' };

  seq = 0;
  mailGeneration = 1;
  calendarGeneration = 1;
  readonly messages = new Map<string, GraphMessage>();
  readonly events = new Map<string, GraphEvent>();
  readonly busyBlocks: { start: string; end: string }[] = [];
  readonly sent: SentRaw[] = [];
  readonly subscriptions = new Map<string, Subscription>();
  readonly deliveries: Delivery[] = [];

  /** Access tokens that Graph accepts; refresh tokens the token endpoint accepts. */
  readonly accessTokens = new Set<string>();
  readonly refreshTokens = new Set<string>();

  requests = 0;
  inFlight = 0;
  peakInFlight = 0;
  /** Added latency for every Graph request (slow responses). */
  slowMs = 0;
  maxConcurrent = 4;
  readonly faults: { status?: 429 | 500 | 503; retryAfterSeconds?: number; reset?: boolean; delayMs?: number; code?: string; times: number }[] = [];

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  issueAccessToken(): string {
    const token = `emu-at-${randomBytes(18).toString('base64url')}`;
    this.accessTokens.add(token);
    return token;
  }

  revokeTokens(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }
}
