import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { JobsOptions } from 'bullmq';

/**
 * Every queue, job name and payload schema, in one place. Handlers live in workers/processors/.
 * Job ids are deterministic so a duplicate notification or a retry maps onto the same job.
 * BullMQ forbids ':' in custom ids and all-digit ids, hence the '-' separators and prefixes.
 */

export const QUEUES = ['sync', 'send', 'schedule'] as const;
export type QueueName = (typeof QUEUES)[number];

const AccountRef = Type.Object({ accountId: Type.String({ minLength: 1 }) });

/**
 * How long a job that talks to a provider keeps retrying passing faults (5xx, resets) at their
 * Retry-After, counted from when it was first due, before they count as failed attempts. A burst
 * of faults then costs seconds, not an exponential backoff that outlasts it.
 */
const FAULT_WINDOW_MS = 15 * 60_000;

export const JOBS = {
  'sync-mailbox': {
    queue: 'sync',
    payload: Type.Object({ accountId: Type.String({ minLength: 1 }), reason: Type.String() }),
    retryFaultsForMs: FAULT_WINDOW_MS,
    options: { attempts: 8, backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 }, removeOnComplete: true, removeOnFail: true },
  },
  'sync-calendar': {
    queue: 'sync',
    payload: Type.Object({ accountId: Type.String({ minLength: 1 }), reason: Type.String() }),
    retryFaultsForMs: FAULT_WINDOW_MS,
    options: { attempts: 8, backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 }, removeOnComplete: true, removeOnFail: true },
  },
  'send-reply': {
    queue: 'send',
    // accountId spares the worker a read to find whose pause applies; jobs queued without it still run.
    payload: Type.Object({ replyId: Type.String({ minLength: 1 }), accountId: Type.Optional(Type.String({ minLength: 1 })) }),
    retryFaultsForMs: FAULT_WINDOW_MS,
    options: { attempts: 10, backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 }, removeOnComplete: true, removeOnFail: true },
  },
  /** A draft the user held for the working day (issue 21); delayed until its send time. */
  'send-held': {
    queue: 'send',
    payload: Type.Object({ heldId: Type.String({ minLength: 1 }) }),
    retryFaultsForMs: FAULT_WINDOW_MS,
    options: { attempts: 10, backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 }, removeOnComplete: true, removeOnFail: true },
  },
  /** A draft Boundary writes into the user's mailbox (issue 20); never sent by Boundary. */
  'write-draft': {
    queue: 'send',
    payload: Type.Object({ draftId: Type.String({ minLength: 1 }) }),
    retryFaultsForMs: FAULT_WINDOW_MS,
    options: { attempts: 8, backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 }, removeOnComplete: true, removeOnFail: true },
  },
  /** An alert that reaches the user now (issue 18): one job per message and channel, retried a few times. */
  'send-alert': {
    queue: 'send',
    payload: Type.Object({ alertId: Type.String({ minLength: 1 }) }),
    options: { attempts: 5, backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 }, removeOnComplete: true, removeOnFail: true },
  },
  'answer-invitation': {
    queue: 'send',
    payload: Type.Object({ invitationId: Type.String({ minLength: 1 }) }),
    retryFaultsForMs: FAULT_WINDOW_MS,
    options: { attempts: 8, backoff: { type: 'exponential', delay: 2_000, jitter: 0.5 }, removeOnComplete: true, removeOnFail: true },
  },
  'renew-watch': {
    queue: 'schedule',
    payload: AccountRef,
    retryFaultsForMs: FAULT_WINDOW_MS,
    options: { attempts: 5, backoff: { type: 'exponential', delay: 5_000, jitter: 0.5 }, removeOnComplete: true, removeOnFail: true },
  },
  'poll-accounts': {
    queue: 'schedule',
    payload: Type.Object({}),
    options: { attempts: 1, removeOnComplete: true, removeOnFail: 100 },
  },
  'renew-watches': {
    queue: 'schedule',
    payload: Type.Object({}),
    options: { attempts: 1, removeOnComplete: true, removeOnFail: 100 },
  },
  /** From a digest slot's scheduler: queues build-digest for each user of that zone and local time. */
  'start-digests': {
    queue: 'schedule',
    payload: Type.Object({ timeZone: Type.String({ minLength: 1 }), time: Type.String({ pattern: '^[0-9]{2}:[0-9]{2}$' }) }),
    options: { attempts: 5, backoff: { type: 'exponential', delay: 30_000, jitter: 0.5 }, removeOnComplete: true, removeOnFail: true },
  },
  /** One user's digest for one local date: from a slot run or a catch-up scan (always dated), or a per-user scheduler of earlier versions (dated by its scheduled instant). */
  'build-digest': {
    queue: 'schedule',
    payload: Type.Object({ userId: Type.String({ minLength: 1 }), date: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' })) }),
    options: { attempts: 6, backoff: { type: 'exponential', delay: 30_000, jitter: 0.5 }, removeOnComplete: true, removeOnFail: true },
  },
  'scan-digests': {
    queue: 'schedule',
    payload: Type.Object({}),
    options: { attempts: 1, removeOnComplete: true, removeOnFail: 100 },
  },
  /** Silence, expectations and reminders for one user; enqueued hourly by 'scan-all-follow-ups'. */
  'scan-follow-ups': {
    queue: 'schedule',
    payload: Type.Object({ userId: Type.String({ minLength: 1 }) }),
    options: { attempts: 3, backoff: { type: 'exponential', delay: 30_000, jitter: 0.5 }, removeOnComplete: true, removeOnFail: true },
  },
  'scan-all-follow-ups': {
    queue: 'schedule',
    payload: Type.Object({}),
    options: { attempts: 1, removeOnComplete: true, removeOnFail: 100 },
  },
} as const satisfies Record<string, { queue: QueueName; payload: TSchema; options: JobsOptions; retryFaultsForMs?: number }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = Static<(typeof JOBS)[N]['payload']>;

/**
 * Deterministic ids: the same logical work always gets the same id. BullMQ ignores an add whose id
 * is still held by a finished job, so jobs with these ids are removed when they complete or fail
 * for good (the failure itself is in the activity log and the logs); otherwise one failure would
 * block that work forever.
 */
export const jobIds = {
  /** Collapses repeated notifications: one pending sync per account at a time. */
  syncMailbox: (accountId: string) => `sync-mailbox-${accountId}`,
  syncCalendar: (accountId: string) => `sync-calendar-${accountId}`,
  sendReply: (replyId: string) => `send-reply-${replyId}`,
  /** One job per held message and send time: "send now" moves the time, so it gets its own job. */
  sendHeld: (heldId: string, sendAt: Date) => `send-held-${heldId}-t${sendAt.getTime()}`,
  writeDraft: (draftId: string) => `write-draft-${draftId}`,
  sendAlert: (alertId: string) => `send-alert-${alertId}`,
  answerInvitation: (invitationId: string) => `answer-invitation-${invitationId}`,
  renewWatch: (accountId: string) => `renew-watch-${accountId}`,
  /** The daily pass renews each watch once per day, however many workers run it. */
  renewWatchOnDay: (accountId: string, dayNumber: number) => `renew-watch-${accountId}-d${dayNumber}`,
  /** A Graph lifecycle event asks for a renewal; one per event and second, so a burst collapses. */
  renewWatchOnEvent: (accountId: string, event: string, at: Date) => `renew-watch-${accountId}-${event}-${Math.floor(at.getTime() / 1000)}`,
  /** The catch-up scan a starting worker runs once. */
  scanDigestsAtStart: (at: Date) => `scan-digests-start-${at.getTime()}`,
  buildDigest: (userId: string, date: string) => `build-digest-${userId}-${date}`,
  /** One scan per user per hour bucket, however many schedulers or workers ask for it. */
  scanFollowUps: (userId: string, hourBucket: number) => `scan-follow-ups-${userId}-h${hourBucket}`,
};

/** Service-wide schedulers: each runs one job of its name, upserted at worker start under that name. */
export const SCHEDULED = ['poll-accounts', 'renew-watches', 'scan-digests', 'scan-all-follow-ups'] as const satisfies readonly JobName[];
export type ScheduledJob = (typeof SCHEDULED)[number];

/** One scheduler per (local time, zone) digest slot; BullMQ evaluates its cron in that zone. */
export const digestSlotSchedulerId = (time: string, timeZone: string) => `digest-at-${time.replace(':', '')}-${timeZone}`;
export const DIGEST_SLOT_PREFIX = 'digest-at-';
