import { DateTime } from 'luxon';
import { calendarOf } from '../domain/hours/calendar.js';
import { dayNumberOfIso } from '../domain/hours/zone-clock.js';
import type { Settings } from '../domain/settings.js';
import { jobIds, JOBS } from '../jobs/definitions.js';
import { getDigest, listUsersForDigest } from '../storage/digests.js';
import { getSettings } from '../storage/settings-store.js';
import type { PipelineContext } from './context.js';

type DigestSettings = Pick<Settings, 'timeZone' | 'digest'>;

const HOUR_MS = 3_600_000;
export const digestSchedulerId = (userId: string) => `digest-${userId}`;

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
  const day = dayNumberOfIso(date);
  return day !== null && calendarOf(settings).plan(day).kind === 'working';
}

/** Adds, moves or removes the user's daily scheduler. Safe to call again with the same settings. */
export async function scheduleDigest(ctx: PipelineContext, userId: string, settings: DigestSettings): Promise<void> {
  const queue = ctx.producer.queue(JOBS['build-digest'].queue);
  if (!settings.digest.enabled) {
    await queue.removeJobScheduler(digestSchedulerId(userId));
    return;
  }
  await queue.upsertJobScheduler(
    digestSchedulerId(userId),
    { pattern: digestPattern(settings), tz: settings.timeZone },
    { name: 'build-digest', data: { userId }, opts: JOBS['build-digest'].options },
  );
}

/** For the settings route: a failure is logged, not shown to the user; the hourly scan repairs it. */
export async function rescheduleDigest(ctx: PipelineContext, userId: string): Promise<void> {
  try {
    await scheduleDigest(ctx, userId, (await getSettings(ctx.db, userId)).settings);
  } catch (err) {
    ctx.logger.warn({ userId, err: (err as Error).message }, 'digest schedule not updated; the next scan will');
  }
}

/**
 * Worker start and every hour: every user's scheduler is upserted (new users, lost Redis state),
 * and a digest whose time has passed without a row (service down at 08:00) is queued once. The
 * job id is deterministic and the row unique per day, so a scan never doubles a digest.
 */
export async function scanDigests(ctx: PipelineContext): Promise<{ scheduled: number; caughtUp: number }> {
  let scheduled = 0;
  let caughtUp = 0;
  const now = ctx.now();
  for (const user of await listUsersForDigest(ctx.db)) {
    const { settings } = await getSettings(ctx.db, user.id);
    await scheduleDigest(ctx, user.id, settings);
    if (settings.digest.enabled) scheduled += 1;
    const due = lastDigestDue(settings, now);
    if (user.created_at > due.at || !digestWanted({ ...settings, clients: [] }, due.date)) continue;
    const existing = await getDigest(ctx.db, user.id, due.date);
    if (existing?.sent_at) continue;
    await ctx.producer.add('build-digest', { userId: user.id, date: due.date }, { jobId: jobIds.buildDigest(user.id, due.date) });
    caughtUp += 1;
  }
  return { scheduled, caughtUp };
}

/** At worker start: the hourly scan scheduler, and one scan now (restarts catch up at once). */
export async function startDigestSchedules(ctx: PipelineContext): Promise<void> {
  await ctx.producer.queue(JOBS['scan-digests'].queue).upsertJobScheduler('scan-digests', { every: HOUR_MS }, { name: 'scan-digests', data: {}, opts: JOBS['scan-digests'].options });
  await ctx.producer.add('scan-digests', {}, { jobId: `scan-digests-start-${ctx.now().getTime()}` });
}
