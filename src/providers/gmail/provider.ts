// Only the two APIs Boundary calls: the googleapis index loads all of Google's ~300 APIs.
import { calendar_v3 } from 'googleapis/build/src/apis/calendar/v3.js';
import { gmail_v1 } from 'googleapis/build/src/apis/gmail/v1.js';
import type { CalendarProvider, CallGate, DraftWriter, HeldDrafts, MailProvider } from '../types.js';
import { gmailDraftWriter } from './draft-writer.js';
import { googleCalendar } from './calendar.js';
import { gmailHeldDrafts } from './held-drafts.js';
import { gmailMail } from './mail.js';
import type { GoogleOAuthClient } from './oauth.js';

export interface GmailProviderOptions {
  /** API root, e.g. https://gmail.googleapis.com/ or an emulator; googleapis drops any path in it. */
  rootUrl: string;
  /** Calendar API root when it differs from Gmail's (in production: https://www.googleapis.com/). */
  calendarRootUrl?: string;
  auth: GoogleOAuthClient;
  /** projects/P/topics/T that Gmail publishes mailbox changes to. */
  pubsubTopic: string;
  calendarWebhookUrl?: string;
  channelToken?: string;
  now: () => Date;
  /** Per-request timeout; a timeout becomes `transient`. */
  timeoutMs?: number;
  pageSize?: number;
  concurrency?: number;
  /** Shared by Gmail and Calendar: Google throttles per user, across both APIs. */
  gate?: CallGate;
  /** The grant allows drafts (gmail.compose or modify): offer the held-drafts capability. */
  heldDrafts?: boolean;
  /** The grant allows drafts: offer writing them into the user's Drafts (issue 20). */
  draftWriter?: boolean;
}

/**
 * Gmail + Google Calendar through the official googleapis client.
 * Retries are off in the client (gaxios `retry: false`): the job layer retries `transient` and
 * `rate_limited` with backoff, and retrying in both places would multiply calls and quota.
 */
export function createGmailProvider(opts: GmailProviderOptions): MailProvider & CalendarProvider & { heldDrafts?: HeldDrafts; draftWriter?: DraftWriter } {
  const common = { rootUrl: opts.rootUrl, auth: opts.auth, retry: false, timeout: opts.timeoutMs ?? 30_000 };
  const gmail = new gmail_v1.Gmail(common);
  const calendar = new calendar_v3.Calendar({ ...common, rootUrl: opts.calendarRootUrl ?? opts.rootUrl });
  return {
    kind: 'google',
    ...gmailMail({ gmail, pubsubTopic: opts.pubsubTopic, now: opts.now, pageSize: opts.pageSize ?? 500, concurrency: opts.concurrency ?? 4, gate: opts.gate }),
    ...googleCalendar({ calendar, now: opts.now, webhookUrl: opts.calendarWebhookUrl, channelToken: opts.channelToken, gate: opts.gate }),
    ...(opts.heldDrafts ? { heldDrafts: gmailHeldDrafts({ gmail, now: opts.now, gate: opts.gate, pageSize: opts.pageSize }) } : {}),
    ...(opts.draftWriter ? { draftWriter: gmailDraftWriter({ gmail, now: opts.now, gate: opts.gate }) } : {}),
  };
}
