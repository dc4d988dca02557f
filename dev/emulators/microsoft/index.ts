import { randomUUID } from 'node:crypto';
import type { EmulatorControl, Fault, InjectedEvent, InjectedMessage } from '../harness.js';
import { draftControl, type GraphDraftControl } from './drafts.js';
import { formatAddress, parseAddress, parseAddressList } from './mime.js';
import { IdentityProvider } from './oauth.js';
import { listen } from './server.js';
import { newId, GraphState, type GraphEvent, type GraphMessage, type Subscription, type Delivery } from './state.js';
import { notifyChange, postLifecycle, type LifecycleEvent } from './subscriptions.js';

/**
 * Microsoft Graph emulator (test support only): HTTPS on 127.0.0.1, an ephemeral port and a
 * fresh self-signed certificate. `ca` is the PEM tests must trust; `baseUrl` has no /v1.0.
 */

export interface GraphControl extends EmulatorControl {
  /** A fresh access token Graph accepts (what the token endpoint would hand out). */
  accessToken(): string;
  lifecycle(subscriptionId: string, event: LifecycleEvent): Promise<number | 'error'>;
  subscriptions(): Subscription[];
  deliveries(): Delivery[];
  /** Adds latency to every Graph request (0 turns it off). */
  slow(ms: number): void;
  /** Stops (false) or resumes (true) change notifications, as when Graph drops a subscription. */
  notifying(on: boolean): void;
  peakConcurrency(): number;
  /** The proposedNewTime an answer carried, if any. */
  eventProposal(id: string): unknown;
  mailboxSettings(patch: { timeZone?: string; workingHours?: Partial<GraphState['workingHours']>; automaticRepliesSetting?: GraphState['automaticRepliesSetting'] }): void;
  /** The user's proxyAddresses ('SMTP:' marks the primary, 'smtp:' an alias). */
  proxyAddresses(list: string[]): void;
  /** Who consents from now on: another Microsoft account (object id), and the username its tenant gives it. */
  signInAs(who: { objectId?: string; username?: string }): void;
  updateEvent(id: string, patch: { subject?: string; cancelled?: boolean; showAs?: GraphEvent['showAs'] }): Promise<void>;
  /** An event the user put in their own calendar shown as out of office: ISO instants, or dates (end exclusive) when allDay. */
  injectOutOfOffice(o: { start: string; end: string; allDay?: boolean; subject?: string }): Promise<{ providerEventId: string }>;
  deleteEvent(id: string): Promise<void>;
  /** Moves an inbox message to Deleted Items (delta reports @removed). */
  deleteMessage(id: string): Promise<void>;
  /** The user's drafts in Outlook (held drafts, issue 21). */
  drafts: GraphDraftControl;
  oauth: { clientId: string; clientSecret: string; tenant: string; authority: string; authorityMetadata: string; cloudDiscoveryMetadata: string };
}

export interface GraphEmulator {
  baseUrl: string;
  ca: string;
  control: GraphControl;
  close(): Promise<void>;
}

const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

/** `user` names the mailbox's owner (the demo's); by default the emulator's own Fran Freelancer. */
export async function startGraphEmulator(opts: { now?: () => Date; notify?: boolean; user?: { address: string; displayName: string } } = {}): Promise<GraphEmulator> {
  const now = opts.now ?? (() => new Date());
  let notify = opts.notify ?? true;
  const state = new GraphState();
  if (opts.user) {
    state.userAddress = opts.user.address.toLowerCase();
    state.displayName = opts.user.displayName;
    state.proxyAddresses = [`SMTP:${state.userAddress}`];
  }
  const idp = new IdentityProvider();
  const { server, baseUrl, ca } = await listen(state, idp, now);

  const changed = async (kind: 'mail' | 'events', changeType: string, id: string) => {
    if (notify) await notifyChange(state, kind, changeType, id, now());
  };

  function buildMessage(m: InjectedMessage, folder: GraphMessage['folder']): GraphMessage {
    const at = now();
    const from = parseAddress(m.from);
    const internetMessageId = `<${randomUUID()}@${from.emailAddress.address.split('@')[1] ?? 'example.com'}>`;
    const to = m.to.flatMap((t) => parseAddressList(t));
    const cc = (m.cc ?? []).flatMap((t) => parseAddressList(t));
    const headers = [
      { name: 'Received', value: `from mx.example by emulator; ${rfc2822(at)}` },
      { name: 'From', value: m.from },
      { name: 'To', value: to.map(formatAddress).join(', ') },
      ...(cc.length ? [{ name: 'Cc', value: cc.map(formatAddress).join(', ') }] : []),
      { name: 'Subject', value: m.subject },
      { name: 'Date', value: m.date ?? rfc2822(at) },
      { name: 'Message-ID', value: internetMessageId },
      { name: 'MIME-Version', value: '1.0' },
      ...Object.entries(m.headers ?? {}).map(([name, value]) => ({ name, value })),
    ];
    return {
      id: newId('AAMk'),
      folder,
      conversationId: m.threadId ?? newId('AAQk'),
      internetMessageId,
      from,
      sender: from,
      replyTo: [],
      toRecipients: to,
      ccRecipients: cc,
      bccRecipients: [],
      subject: m.subject,
      receivedDateTime: at.toISOString(),
      sentDateTime: m.date ? new Date(m.date).toISOString() : at.toISOString(),
      internetMessageHeaders: headers,
      bodyPreview: (m.body ?? '').slice(0, 255),
      body: { contentType: 'text', content: m.body ?? '' },
      isDraft: false,
      changeSeq: state.nextSeq(),
    };
  }

  type EventFields = Omit<GraphEvent, 'id' | 'iCalUId' | 'originalStartTimeZone' | 'isCancelled' | 'lastModifiedDateTime' | 'changeSeq' | 'deleted'>;
  const addEvent = async (fields: EventFields) => {
    const event: GraphEvent = {
      id: newId('AAMkE'),
      iCalUId: `040000008200E00074C5B7101A82E008${randomUUID().replace(/-/g, '')}`,
      originalStartTimeZone: 'Pacific Standard Time',
      isCancelled: false,
      lastModifiedDateTime: now().toISOString(),
      changeSeq: state.nextSeq(),
      deleted: false,
      ...fields,
    };
    state.events.set(event.id, event);
    await changed('events', 'created', event.id);
    return { providerEventId: event.id };
  };
  const eventOf = (id: string): GraphEvent => {
    const e = state.events.get(id);
    if (!e) throw new Error(`no event ${id}`);
    return e;
  };

  const control: GraphControl = {
    userAddress: state.userAddress,
    async injectMessage(m) {
      const junk = (m.labels ?? []).some((l) => /^(spam|junk|junkemail)$/i.test(l));
      const msg = buildMessage(m, junk ? 'junkemail' : 'inbox');
      state.messages.set(msg.id, msg);
      if (!junk) await changed('mail', 'created', msg.id);
      return { providerMessageId: msg.id, threadId: msg.conversationId };
    },
    async injectSentMessage(m) {
      const msg = buildMessage(m, 'sentitems');
      state.messages.set(msg.id, msg);
      return { providerMessageId: msg.id, threadId: msg.conversationId };
    },
    async expireMailCursor() {
      state.mailGeneration += 1;
    },
    async injectEvent(e: InjectedEvent) {
      const isOrganizer = e.organizer.toLowerCase() === state.userAddress;
      return addEvent({
        subject: e.subject,
        isOrganizer,
        organizer: parseAddress(e.organizer),
        attendees: e.attendees.map((a) => ({ ...parseAddress(a), type: 'required' as const, status: { response: 'none', time: '0001-01-01T00:00:00Z' } })),
        responseRequested: true,
        responseStatus: { response: isOrganizer ? 'organizer' : 'notResponded', time: '0001-01-01T00:00:00Z' },
        allowNewTimeProposals: e.allowNewTimeProposals ?? true,
        startUtc: new Date(e.start).toISOString(),
        endUtc: new Date(e.end).toISOString(),
        isAllDay: false,
        showAs: 'tentative',
      });
    },
    async injectOutOfOffice(o) {
      return addEvent({
        subject: o.subject ?? 'Out of office',
        isOrganizer: true,
        organizer: parseAddress(state.userAddress),
        attendees: [],
        responseRequested: false,
        responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
        allowNewTimeProposals: false,
        startUtc: o.allDay ? `${o.start}T00:00:00.000Z` : new Date(o.start).toISOString(),
        endUtc: o.allDay ? `${o.end}T00:00:00.000Z` : new Date(o.end).toISOString(),
        isAllDay: o.allDay ?? false,
        showAs: 'oof',
      });
    },
    async eventResponse(id) {
      const e = eventOf(id);
      return { response: e.responseStatus.response, ...(e.lastComment !== undefined ? { comment: e.lastComment } : {}) };
    },
    async expireCalendarCursor() {
      state.calendarGeneration += 1;
    },
    async busy(start, end) {
      state.busyBlocks.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    },
    async sent() {
      return state.sent.map((s) => ({ raw: s.raw }));
    },
    async fault(f: Fault) {
      if (f.kind === 'revokeTokens') state.revokeTokens();
      else if (f.kind === 'reset') state.faults.push({ reset: true, times: f.times });
      else if (f.kind === 'userRateLimit') state.faults.push({ status: 429, code: 'ApplicationThrottled', retryAfterSeconds: 2, times: f.times });
      else state.faults.push({ status: f.status, times: f.times, ...(f.retryAfterSeconds !== undefined ? { retryAfterSeconds: f.retryAfterSeconds } : {}) });
    },
    async requestCount() {
      return state.requests;
    },
    accessToken: () => state.issueAccessToken(),
    lifecycle: (id, event) => postLifecycle(state, id, event),
    subscriptions: () => [...state.subscriptions.values()],
    deliveries: () => [...state.deliveries],
    slow(ms) {
      state.slowMs = ms;
    },
    notifying(on) {
      notify = on;
    },
    peakConcurrency: () => state.peakInFlight,
    eventProposal: (id) => eventOf(id).proposedNewTime,
    signInAs(who) {
      if (who.objectId !== undefined) state.userId = who.objectId;
      if (who.username !== undefined) state.userAddress = who.username;
    },
    proxyAddresses(list) {
      state.proxyAddresses = [...list];
    },
    mailboxSettings(patch) {
      if (patch.timeZone !== undefined) state.mailboxTimeZone = patch.timeZone;
      if (patch.workingHours) state.workingHours = { ...state.workingHours, ...patch.workingHours };
      if (patch.automaticRepliesSetting) state.automaticRepliesSetting = patch.automaticRepliesSetting;
    },
    async updateEvent(id, patch) {
      const e = eventOf(id);
      if (patch.subject !== undefined) e.subject = patch.subject;
      if (patch.cancelled !== undefined) e.isCancelled = patch.cancelled;
      if (patch.showAs !== undefined) e.showAs = patch.showAs;
      e.changeSeq = state.nextSeq();
      await changed('events', 'updated', id);
    },
    async deleteEvent(id) {
      const e = eventOf(id);
      e.deleted = true;
      e.changeSeq = state.nextSeq();
      await changed('events', 'deleted', id);
    },
    async deleteMessage(id) {
      const m = state.messages.get(id);
      if (!m) throw new Error(`no message ${id}`);
      m.removedFrom = m.folder;
      m.folder = 'deleteditems';
      m.changeSeq = state.nextSeq();
    },
    drafts: draftControl(state, now),
    oauth: {
      clientId: idp.client.clientId,
      clientSecret: idp.client.clientSecret,
      tenant: 'common',
      authority: `${baseUrl}/common`,
      authorityMetadata: JSON.stringify(idp.openIdConfiguration(baseUrl, 'common')),
      cloudDiscoveryMetadata: JSON.stringify(idp.instanceDiscovery(baseUrl)),
    },
  };

  return {
    baseUrl,
    ca,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
