import { randomUUID } from 'node:crypto';
import type { EmulatorControl, InjectedEvent, InjectedMessage, SentRecord } from '../harness.js';
import type { CalendarHooks } from './calendar.js';
import { draftControl, type DraftControl } from './drafts.js';
import { buildRaw, parseRaw } from './mime.js';
import { signJwt, type GoogleOAuth } from './oauth.js';
import type { GoogleFault } from './server.js';
import type { GoogleState, RequestLogEntry, StoredEvent } from './state.js';

/** The test-side control surface: everything in EmulatorControl plus Google-only drills. */

/** How long a push token is reused: well inside its hour, as Pub/Sub refreshes before expiry. */
const REUSE_SECONDS = 600;

export interface Notification { channelId: string; headers: Record<string, string>; status: number | 'error' }

export interface PushOptions {
  /** The JWT `aud`; Pub/Sub uses the push endpoint URL unless configured otherwise. */
  audience?: string;
  /** Claims to override (email, email_verified, iss, exp...). */
  claims?: Record<string, unknown>;
  /** Sign with a key the certs endpoint does not publish. */
  rogueKey?: boolean;
}

export interface GoogleControl extends EmulatorControl {
  hooks: CalendarHooks;
  fault(f: GoogleFault): Promise<void>;
  quotaUnits(): Promise<number>;
  setBaseUrl(url: string): void;
  /** A refresh token for the harness's OAuth2Client, as if the user consented. */
  issueRefreshToken(scope?: string): string;
  /** On the next consent screens the user unticks these scopes (granular consent); [] ticks all again. */
  withholdScopes(scopes: string[]): void;
  idToken(claims?: Record<string, unknown>): string;
  pushJwt(audience: string, options?: PushOptions): string;
  /** POST a Pub/Sub-shaped push for Gmail to the service. */
  push(serviceUrl: string, data: { emailAddress: string; historyId: string }, options?: PushOptions): Promise<number>;
  /** Same as expireMailCursor: Google trimmed the mailbox history. */
  expireHistory(): Promise<void>;
  cancelEvent(providerEventId: string): Promise<void>;
  /** An out-of-office event the user put in their own calendar: ISO instants, or dates (end exclusive) when allDay. */
  injectOutOfOffice(o: { start: string; end: string; allDay?: boolean; timeZone?: string; summary?: string }): Promise<{ providerEventId: string }>;
  event(providerEventId: string): StoredEvent | undefined;
  log(): RequestLogEntry[];
  maxConcurrency(): number;
  notifications(): Notification[];
  /** Wait until queued calendar notifications have been delivered. */
  settle(): Promise<void>;
  readonly state: GoogleState;
  /** What the user does to drafts in the Gmail web app. */
  readonly drafts: DraftControl;
  readonly pushServiceAccount: string;
  endpoints(): { tokenUrl: string; authUrl: string; revokeUrl: string; certsUrl: string; jwksUrl: string; userinfoUrl: string };
}

interface Deps { state: GoogleState; oauth: GoogleOAuth; faults: GoogleFault[]; now: () => Date; pushServiceAccount: string }

export function createControl({ state, oauth, faults, now, pushServiceAccount }: Deps): GoogleControl {
  let baseUrl = '';
  const delivered: Notification[] = [];
  const chains = new Map<string, Promise<void>>();

  /** Body-less channel notification; deliveries per channel are chained so `sync` arrives first. */
  function notify(channelId: string, resourceState: 'sync' | 'exists'): void {
    const ch = state.channels.get(channelId);
    if (!ch || ch.expiration <= now().getTime()) return;
    const headers: Record<string, string> = {
      'X-Goog-Channel-ID': ch.id, 'X-Goog-Resource-ID': ch.resourceId, 'X-Goog-Resource-State': resourceState,
      'X-Goog-Message-Number': String(++ch.messageNumber), 'X-Goog-Channel-Expiration': new Date(ch.expiration).toUTCString(),
      'X-Goog-Resource-URI': 'https://www.googleapis.com/calendar/v3/calendars/primary/events?alt=json',
      ...(ch.token ? { 'X-Goog-Channel-Token': ch.token } : {}),
    };
    const prev = chains.get(channelId) ?? Promise.resolve();
    chains.set(channelId, prev.then(async () => {
      const status = await fetch(ch.address, { method: 'POST', headers }).then((r) => r.status, () => 'error' as const);
      delivered.push({ channelId, headers, status });
    }));
  }

  const hooks: CalendarHooks = {
    changed: () => { for (const id of state.channels.keys()) notify(id, 'exists'); },
    channelCreated: (id) => notify(id, 'sync'),
  };

  function inject(m: InjectedMessage, defaultLabels: string[]): { providerMessageId: string; threadId: string } {
    const id = state.nextId();
    const domain = /@([^>\s]+)/.exec(m.from)?.[1] ?? 'client.test';
    const { raw, headers } = buildRaw(m, `<emu-${id}@${domain}>`, now());
    const threadId = m.threadId && state.inThread(m.threadId).length > 0 ? m.threadId : id;
    state.addMessage({ id, threadId, labelIds: m.labels ?? defaultLabels, internalDate: now().getTime(), raw, headers, body: parseRaw(raw).body });
    return { providerMessageId: id, threadId };
  }

  /** Every historyId issued so far becomes too old (404); getProfile's new one stays valid. */
  const expireHistory = (): void => {
    state.minValidHistoryId = state.nextHistoryId();
  };

  // Pub/Sub signs a push token once and reuses it for its pushes to one endpoint until it nears
  // expiry; so does this emulator (for the plain tokens: drills asking for odd claims get their own).
  const reused = new Map<string, { jwt: string; iat: number }>();
  const pushJwt = (audience: string, options: PushOptions = {}): string => {
    // Wall clock, like the token endpoint: the verifier checks iat/exp against real time.
    const iat = Math.floor(Date.now() / 1000);
    const plain = !options.claims && !options.rogueKey;
    const earlier = plain ? reused.get(audience) : undefined;
    if (earlier && iat >= earlier.iat && iat - earlier.iat < REUSE_SECONDS) return earlier.jwt;
    const jwt = signJwt({ iss: 'https://accounts.google.com', aud: audience, azp: '110734925046612345678', sub: '110734925046612345678',
      email: pushServiceAccount, email_verified: true, iat, exp: iat + 3600, ...options.claims }, options.rogueKey);
    if (plain) reused.set(audience, { jwt, iat });
    return jwt;
  };

  return {
    userAddress: state.userAddress,
    state,
    drafts: draftControl(state, now),
    pushServiceAccount,
    hooks,
    setBaseUrl: (url) => { baseUrl = url; },
    endpoints: () => ({ tokenUrl: `${baseUrl}/token`, authUrl: `${baseUrl}/o/oauth2/v2/auth`, revokeUrl: `${baseUrl}/revoke`,
      certsUrl: `${baseUrl}/oauth2/v1/certs`, jwksUrl: `${baseUrl}/oauth2/v3/certs`, userinfoUrl: `${baseUrl}/oauth2/v3/userinfo` }),
    injectMessage: async (m) => inject(m, ['INBOX', 'UNREAD', 'CATEGORY_PERSONAL']),
    injectSentMessage: async (m) => inject(m, ['SENT']),
    expireMailCursor: async () => expireHistory(),
    expireHistory: async () => expireHistory(),
    injectEvent: async (e: InjectedEvent) => {
      const id = `ev${state.nextId()}`;
      const organizer = e.organizer.toLowerCase();
      const event: StoredEvent = {
        id, etag: '', status: 'confirmed', summary: e.subject, iCalUID: `${id}@google.com`, organizer: { email: organizer },
        attendees: e.attendees.map((a) => ({ email: a.toLowerCase(), responseStatus: a.toLowerCase() === organizer ? 'accepted' : 'needsAction',
          ...(a.toLowerCase() === organizer ? { organizer: true } : {}) })),
        start: { dateTime: e.start, timeZone: 'UTC' }, end: { dateTime: e.end, timeZone: 'UTC' }, updated: '', changeSeq: 0,
      };
      state.events.set(id, event);
      state.touchEvent(event, now());
      hooks.changed();
      return { providerEventId: id };
    },
    injectOutOfOffice: async (o) => {
      const id = `ev${state.nextId()}`;
      const zone = o.timeZone ?? 'UTC';
      const event: StoredEvent = {
        id, etag: '', status: 'confirmed', summary: o.summary ?? 'Out of office', iCalUID: `${id}@google.com`,
        organizer: { email: state.userAddress.toLowerCase() }, attendees: [],
        start: o.allDay ? { date: o.start } : { dateTime: o.start, timeZone: zone }, end: o.allDay ? { date: o.end } : { dateTime: o.end, timeZone: zone },
        updated: '', changeSeq: 0, eventType: 'outOfOffice', outOfOfficeProperties: { autoDeclineMode: 'declineOnlyNewConflictingInvitations', declineMessage: 'Declined because I am out of office' },
      };
      state.events.set(id, event);
      state.touchEvent(event, now());
      hooks.changed();
      return { providerEventId: id };
    },
    cancelEvent: async (id) => {
      const e = state.events.get(id);
      if (!e) throw new Error(`no event ${id}`);
      e.status = 'cancelled';
      state.touchEvent(e, now());
      hooks.changed();
    },
    event: (id) => state.events.get(id),
    eventResponse: async (id) => {
      const self = state.events.get(id)?.attendees.find((a) => a.email === state.userAddress.toLowerCase());
      if (!self) throw new Error(`no event ${id} with the user as attendee`);
      return { response: self.responseStatus, ...(self.comment !== undefined ? { comment: self.comment } : {}) };
    },
    expireCalendarCursor: async () => {
      state.minValidCalendarSeq = ++state.calendarSeq;
    },
    busy: async (start, end) => { state.busy.push({ start, end }); },
    sent: async (): Promise<SentRecord[]> => state.sent.map((s) => ({ ...s })),
    fault: async (f) => {
      if (f.kind === 'revokeTokens') oauth.revokeAll(); // the user removed access: effective at once, for API and refresh
      else faults.push({ ...f });
    },
    requestCount: async () => state.log.length,
    quotaUnits: async () => state.quotaUnits,
    issueRefreshToken: (scope) => oauth.issueRefreshToken(scope),
    withholdScopes: (scopes) => oauth.withhold(scopes),
    idToken: (claims) => oauth.idToken(claims),
    pushJwt,
    push: async (serviceUrl, data, options = {}) => {
      const body = { message: { data: Buffer.from(JSON.stringify(data)).toString('base64url'), messageId: randomUUID(),
        publishTime: now().toISOString() }, subscription: 'projects/boundary-test/subscriptions/gmail-push' };
      const res = await fetch(serviceUrl, { method: 'POST', body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${pushJwt(options.audience ?? serviceUrl, options)}` } });
      return res.status;
    },
    log: () => [...state.log],
    maxConcurrency: () => state.maxInFlight,
    notifications: () => [...delivered],
    settle: async () => { await Promise.all(chains.values()); },
  };
}
