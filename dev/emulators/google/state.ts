import type { Header } from './mime.js';

/** The emulator's whole world: one mailbox and one primary calendar for one user. */

export interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  internalDate: number;
  raw: string;
  headers: Header[];
  body: string;
  historyId: number;
}

export interface HistoryRecord {
  id: number;
  messageId: string;
  threadId: string;
  labelIds: string[];
}

export interface Attendee {
  email: string;
  self?: boolean;
  organizer?: boolean;
  responseStatus: string;
  comment?: string;
  optional?: boolean;
}

export interface StoredEvent {
  id: string;
  etag: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  summary: string;
  iCalUID: string;
  organizer: { email: string; self?: boolean };
  attendees: Attendee[];
  start: { dateTime?: string; date?: string; timeZone?: string };
  end: { dateTime?: string; date?: string; timeZone?: string };
  updated: string;
  /** Unset means 'default'; 'outOfOffice' events come with outOfOfficeProperties. */
  eventType?: 'default' | 'outOfOffice' | 'focusTime' | 'workingLocation';
  outOfOfficeProperties?: { autoDeclineMode?: string; declineMessage?: string };
  /** Calendar change sequence: what sync tokens count. */
  changeSeq: number;
  lastSendUpdates?: string;
}

export interface Channel {
  id: string;
  resourceId: string;
  address: string;
  token?: string;
  expiration: number;
  messageNumber: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  units: number;
  status: number;
  /** Wall-clock arrival (ms), for drills that check pauses. */
  atMs?: number;
}

export interface UserLabel {
  id: string;
  name: string;
  messageListVisibility?: string;
  labelListVisibility?: string;
}

/** Gmail's list order: older internalDate first, then older historyId. */
const before = (a: StoredMessage, b: StoredMessage) => a.internalDate < b.internalDate || (a.internalDate === b.internalDate && a.historyId < b.historyId);

export const SYSTEM_LABELS = ['INBOX', 'SENT', 'DRAFT', 'SPAM', 'TRASH', 'UNREAD', 'STARRED', 'IMPORTANT',
  'CATEGORY_PERSONAL', 'CATEGORY_SOCIAL', 'CATEGORY_PROMOTIONS', 'CATEGORY_UPDATES', 'CATEGORY_FORUMS'];

export class GoogleState {
  readonly messages = new Map<string, StoredMessage>();
  /** Every message added, in Gmail's list order reversed (oldest first); deleted ones stay here and are skipped. */
  private readonly ordered: StoredMessage[] = [];
  /** Messages by thread, in the order they were added (deleted ones stay here; `inThread` skips them). */
  private readonly threads = new Map<string, StoredMessage[]>();
  /** Draft id → the id of the message it holds now (drafts.update replaces the message). */
  readonly drafts = new Map<string, string>();
  readonly labels = new Map<string, UserLabel>();
  readonly history: HistoryRecord[] = [];
  historyId = 1000;
  /** history ids below this answer 404, as after Google trims the mailbox history. */
  minValidHistoryId = 0;
  watch: { topicName: string; expiration: number } | undefined;

  readonly events = new Map<string, StoredEvent>();
  calendarSeq = 0;
  /** Sync tokens issued before this sequence answer 410. */
  minValidCalendarSeq = 0;
  readonly busy: { start: string; end: string }[] = [];
  readonly channels = new Map<string, Channel>();

  /** sentAtMs: wall-clock arrival, for the latency bench. */
  readonly sent: { raw: string; threadId?: string; sentAtMs?: number }[] = [];
  readonly log: RequestLogEntry[] = [];
  quotaUnits = 0;
  inFlight = 0;
  maxInFlight = 0;

  private seq = 0;

  constructor(readonly userAddress: string, readonly aliases: string[]) {}

  /** Gmail history ids increase but are not contiguous. */
  nextHistoryId(): number {
    this.historyId += 1 + (this.seq++ % 3);
    return this.historyId;
  }

  nextId(prefix = ''): string {
    return `${prefix}${(0x18e4a00000000000n + BigInt(++this.seq)).toString(16)}`;
  }

  /**
   * Every message, newest first as Gmail lists them. The order is kept as messages are added: the
   * benches list a mailbox of thousands on every send, and sorting it each time made this emulator
   * a quarter of the CPU a capacity run measured.
   */
  *newestFirst(): Generator<StoredMessage> {
    for (let i = this.ordered.length - 1; i >= 0; i--) {
      const m = this.ordered[i]!;
      if (this.messages.get(m.id) === m) yield m;
    }
  }

  /** The messages of one thread, oldest first: every send asks, and scanning the mailbox for them grew with it. */
  inThread(threadId: string): StoredMessage[] {
    return (this.threads.get(threadId) ?? []).filter((m) => this.messages.get(m.id) === m);
  }

  addMessage(m: Omit<StoredMessage, 'historyId'>): StoredMessage {
    const stored: StoredMessage = { ...m, historyId: this.nextHistoryId() };
    this.messages.set(stored.id, stored);
    // Usually the newest; a message dated earlier (an injected one) goes where it belongs.
    let at = this.ordered.length;
    while (at > 0 && before(stored, this.ordered[at - 1]!)) at--;
    this.ordered.splice(at, 0, stored);
    const thread = this.threads.get(stored.threadId);
    if (thread) thread.push(stored);
    else this.threads.set(stored.threadId, [stored]);
    this.history.push({ id: stored.historyId, messageId: stored.id, threadId: stored.threadId, labelIds: [...stored.labelIds] });
    return stored;
  }

  /**
   * A label id from a search term: system labels by name; user labels by name, case-insensitive,
   * where Gmail search writes spaces and slashes as hyphens ("label:boundary-send-in-the-morning").
   */
  labelIdOf(name: string): string {
    const upper = name.toUpperCase();
    if (SYSTEM_LABELS.includes(upper) || upper === 'ANYWHERE') return upper;
    const wanted = name.toLowerCase().replace(/^"|"$/g, '').replace(/[\s/]+/g, '-');
    for (const l of this.labels.values()) if (l.name.toLowerCase().replace(/[\s/]+/g, '-') === wanted) return l.id;
    return `unknown-label:${name}`;
  }

  touchEvent(e: StoredEvent, now: Date): void {
    e.changeSeq = ++this.calendarSeq;
    e.updated = now.toISOString();
    e.etag = `"${e.changeSeq}${this.nextId()}"`;
  }
}
