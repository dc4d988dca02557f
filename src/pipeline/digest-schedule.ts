import { DateTime } from 'luxon';
import { isWorkingDay } from '../domain/hours/index.js';
import type { Settings } from '../domain/settings.js';
import { DIGEST_SLOT_PREFIX, digestSlotSchedulerId, jobIds, JOBS } from '../jobs/definitions.js';
import { getDigest } from '../storage/digests.js';
import { getSettings, usersWithSettings } from '../storage/settings-store.js';
import type { PipelineContext } from './context.js';

type DigestSettings = Pick<Settings, 'timeZone' | 'digest'>;

const HOUR_MS = 3_600_000;

/** Cron 'M H * * *' for the user's digest time; BullMQ evaluates it in the user's zone. */
export function digestPattern(settings: DigestSettings): string {
  const [h, m] = settings.digest.time.split(':').map(Number);
  return `${m} ${h} * * *`;
}

/** The local date a run scheduled at `at` is for. */
export const digestDateOf = (settings: DigestSettings, at: Date) => DateTime.fromJSDate(at, { zone: settings.timeZone }).toISODate()!;

/** The most recent scheduled digest at or before `now`: today's time, or yesterday's if not reached. */
export function lastDigestDue(settings: DigestSettings, now: Date): { date: string; at: Date } {
  const [hour, minute] = settings.digest.time.split(':').map(Number);
  const local = DateTime.fromJSDate(now, { zone: settings.timeZone });
  let at = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (at > local) at = local.minus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 });
  return { date: at.toISODate()!, at: at.toJSDate() };
}

/** Whether a digest is due on `date` at all: off, or a non-working day the user asked to skip. */
export function digestWanted(settings: Settings, date: string): boolean {
  if (!settings.digest.enabled) return false;
  if (!settings.digest.skipNonWorkingDays) return true;
  return isWorkingDay(settings, date);
}

/**
 * Users who want their digest at the same local time in the same zone share one scheduler (a
 * slot), so Redis holds a few hundred schedulers however many users there are, not one each.
 * BullMQ evaluates the slot's cron in its zone, which keeps 08:00 at 08:00 across DST.
 */
export interface DigestSlot {
  timeZone: string;
  time: string;
}

export const digestSlotId = (slot: DigestSlot) => digestSlotSchedulerId(slot.time, slot.timeZone);
const slotOf = (settings: DigestSettings): DigestSlot => ({ timeZone: settings.timeZone, time: settings.digest.time });

async function upsertSlot(ctx: PipelineContext, slot: DigestSlot): Promise<void> {
  const def = JOBS['start-digests'];
  await ctx.producer.queue(def.queue).upsertJobScheduler(
    digestSlotId(slot),
    { pattern: digestPattern({ timeZone: slot.timeZone, digest: { enabled: true, time: slot.time, skipNonWorkingDays: false } }), tz: slot.timeZone },
    { name: 'start-digests', data: slot, opts: def.options },
  );
}

/** Makes sure the slot for these settings exists. A slot nobody uses any more is removed by the hourly scan. */
export async function scheduleDigest(ctx: PipelineContext, settings: DigestSettings): Promise<void> {
  if (settings.digest.enabled) await upsertSlot(ctx, slotOf(settings));
}

/** For the settings route: a failure is logged, not shown to the user; the hourly scan repairs it. */
export async function rescheduleDigest(ctx: PipelineContext, userId: string): Promise<void> {
  try {
    await scheduleDigest(ctx, (await getSettings(ctx.db, userId)).settings);
  } catch (err) {
    ctx.logger.warn({ userId, err: (err as Error).message }, 'digest schedule not updated; the next scan will');
  }
}

/**
 * A slot's run: one build-digest job per user of the slot, for the local date the run was
 * scheduled for. The job id is per user and day, so a retried or repeated run adds nothing new,
 * and the digest row is unique per day besides.
 */
export async function startDigests(ctx: PipelineContext, slot: DigestSlot, scheduledAt: Date): Promise<{ queued: number }> {
  const date = DateTime.fromJSDate(scheduledAt, { zone: slot.timeZone }).toISODate()!;
  let queued = 0;
  const users = await digestUsers(ctx, slot.timeZone);
  for (const user of users) {
    if (!user.settings.digest.enabled || user.settings.digest.time !== slot.time) continue;
    await ctx.producer.add('build-digest', { userId: user.id, date }, { jobId: jobIds.buildDigest(user.id, date) });
    queued += 1;
  }
  return { queued };
}

/**
 * Worker start and every hour: the slots in use are upserted and unused ones removed (lost Redis
 * state, settings changed), and a digest whose time has passed without a row (service down at
 * 08:00) is queued once. The job id is deterministic and the row unique per day, so a scan never
 * doubles a digest.
 */
export async function scanDigests(ctx: PipelineContext): Promise<{ slots: number; caughtUp: number }> {
  const slots = new Map<string, DigestSlot>();
  let caughtUp = 0;
  const now = ctx.now();
  const users = await digestUsers(ctx);
  for (const user of users) {
    const { settings } = user;
    if (settings.digest.enabled) slots.set(digestSlotId(slotOf(settings)), slotOf(settings));
    const due = lastDigestDue(settings, now);
    if (user.createdAt > due.at || !digestWanted({ ...settings, clients: [] }, due.date)) continue;
    const existing = await getDigest(ctx.db, user.id, due.date);
    if (existing?.sent_at) continue;
    await ctx.producer.add('build-digest', { userId: user.id, date: due.date }, { jobId: jobIds.buildDigest(user.id, due.date) });
    caughtUp += 1;
  }
  for (const slot of slots.values()) await upsertSlot(ctx, slot);
  const queue = ctx.producer.queue(JOBS['start-digests'].queue);
  for (const scheduler of await queue.getJobSchedulers()) {
    // Slots nobody uses, and the per-user schedulers of earlier versions ('digest-<user id>').
    const stale = scheduler.key.startsWith(DIGEST_SLOT_PREFIX) ? !slots.has(scheduler.key) : scheduler.name === 'build-digest';
    if (stale) await queue.removeJobScheduler(scheduler.key);
  }
  return { slots: slots.size, caughtUp };
}

/** Users with readable settings (of one zone, when given); an unreadable one is logged and gets no digest. */
async function digestUsers(ctx: PipelineContext, timeZone?: string) {
  const { users, unreadable } = await usersWithSettings(ctx.db, timeZone);
  for (const bad of unreadable) ctx.logger.warn({ userId: bad.id, problem: bad.problem }, 'stored settings unreadable; no digest for this user');
  return users;
}

/** At worker start: the hourly scan scheduler, and one scan now (restarts catch up at once). */
export async function startDigestSchedules(ctx: PipelineContext): Promise<void> {
  await ctx.producer.schedule('scan-digests', HOUR_MS);
  await ctx.producer.add('scan-digests', {}, { jobId: jobIds.scanDigestsAtStart(ctx.now()) });
}
