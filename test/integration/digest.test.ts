import { defaultRepeatStrategy } from 'bullmq';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { buildDigest, composeDigest } from '../../src/pipeline/digest-build.js';
import { runDigest } from '../../src/pipeline/digest-run.js';
import { digestPattern, digestSlotId, rescheduleDigest, scanDigests, startDigests } from '../../src/pipeline/digest-schedule.js';
import type { DigestDelivery } from '../../src/pipeline/digest-send.js';
import type { Runtime } from '../../src/runtime.js';
import { claimSend } from '../../src/storage/digests.js';
import { putSettings } from '../../src/storage/settings-store.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { recordingMailbox, seedScenario, userWithAccount } from './digest-seed.js';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const week = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] };
const delivery: DigestDelivery = { from: 'Boundary <digest@localhost>' };

describe('the daily digest (database + Redis)', () => {
  let runtime: Runtime;
  let clock = new Date('2026-11-23T07:00:00Z');
  const mailbox = recordingMailbox();
  let ctx: PipelineContext;

  beforeAll(async () => {
    runtime = await testRuntime({ now: () => clock });
    ctx = { ...runtime.pipeline, providers: async () => mailbox.provider };
    await runtime.producer.queue('schedule').waitUntilReady(); // producers fail fast until then
  });
  afterAll(async () => runtime?.close());

  it('builds the seeded Monday from stored decisions, replies, messages and invitations', async () => {
    const { user } = await seedScenario(runtime.database.db, 'drita@studio.al');
    // Another user's mail never leaks in.
    await seedScenario(runtime.database.db, 'other@studio.al');
    const d = await composeDigest(runtime.database.db, user.id, '2026-11-23', clock);
    expect(d.since.toISOString()).toBe('2026-11-22T07:00:00.000Z'); // first digest: one day back
    const m = d.model;
    expect(m.afterHours.clients.map((c) => [c.client, c.messages.map((x) => x.outcome)])).toEqual([['Acme', ['held']]]);
    // A wider window (Friday's digest as the previous one) sees the whole weekend.
    await runtime.database.db.insertInto('digests').values({ user_id: user.id, date: '2026-11-20', since: '2026-11-19T07:00:00Z', model: '{}', text: '', html: '', subject: '', message_id: '<x@y>', created_at: '2026-11-20T07:00:00Z' }).execute();
    const full = (await composeDigest(runtime.database.db, user.id, '2026-11-23', clock)).model;
    expect(full.since).toBe('2026-11-20T07:00:00.000Z');
    expect(full.afterHours).toMatchObject({ total: 4, replied: 1, held: 3 });
    expect(full.afterHours.clients[1]!.messages.map((x) => x.why ?? 'ok')).toEqual(['ok', 'you answered first', 'they already had an automatic reply recently']);
    expect(full.meetings.map((x) => [x.subject, x.answer])).toEqual([['Sprint review', 'declined']]);
    // Boundary's own sent reply (Fri 20:35) is not the user writing late; the Sat 23:40 mail is.
    expect(full.ownBoundary).toMatchObject({ count: 1, examples: [{ localTime: 'Sat 23:40' }] });
    expect(full.pressure[0]).toMatchObject({ client: 'Acme', rising: true, thisWeek: { total: 4, outside: 3 } });
    expect(full.heatmap.total).toBe(9);
    expect(full.accounts).toEqual([expect.objectContaining({ address: 'drita@studio.al', problem: null, syncLagMinutes: 5 })]);
    expect(d.text).toContain('Good morning, Drita.');
  });

  describe.each([
    ['America/New_York', '2026-10-29T00:00:00Z'], // falls back 1 Nov 2026
    ['America/New_York', '2027-03-11T00:00:00Z'], // springs forward 14 Mar 2027
    ['Europe/Tirane', '2026-10-22T00:00:00Z'], // falls back 25 Oct 2026
    ['Europe/Tirane', '2027-03-25T00:00:00Z'], // springs forward 28 Mar 2027
  ])('in %s from %s', (zone, from) => {
    it('makes exactly one digest per local day under concurrent builds, retries and a crash', async () => {
      const { user } = await userWithAccount(runtime.database.db, `u${zone.length}-${from.slice(0, 7)}@example.com`, { timeZone: zone, week, holidays: { enabled: false } });
      const sentBefore = mailbox.sent.length;
      let ms = Date.parse(from);
      const dates: string[] = [];
      for (let day = 0; day < 7; day++) {
        ms = defaultRepeatStrategy(ms, { pattern: digestPattern({ timeZone: zone, digest: { enabled: true, time: '08:00', skipNonWorkingDays: false } }), tz: zone })!;
        const scheduledAt = new Date(ms);
        clock = scheduledAt;
        if (day === 2) mailbox.state.failNext = true; // a transient provider error on one day
        if (day === 4) {
          // A crash after the provider accepted the mail but before sent_at was written.
          const { row } = await buildDigest(runtime.database.db, user.id, DateTime.fromMillis(ms, { zone }).toISODate()!, clock);
          expect(await claimSend(runtime.database.db, row.id, null, clock, clock)).toBe(true);
          await mailbox.provider.send({ mime: 'x', messageId: row.message_id });
        }
        // The slot's run queues the user's digest for the local date it was scheduled for.
        await startDigests(ctx, { timeZone: zone, time: '08:00' }, scheduledAt);
        const queued = (await runtime.producer.queue('schedule').getJobs(['waiting'])).filter((j) => j?.name === 'build-digest' && j.data.userId === user.id);
        expect(queued.map((j) => j.data.date)).toEqual([DateTime.fromMillis(ms, { zone }).toISODate()]);
        await Promise.all(queued.map((j) => j.remove()));
        const { date } = queued[0]!.data as { date: string };
        // Two workers at once (the slot's job + an undated retry), then a retry of each.
        const first = await Promise.allSettled([runDigest(ctx, delivery, user.id, { date, scheduledAt }), runDigest(ctx, delivery, user.id, { scheduledAt })]);
        const retry = await Promise.all([runDigest(ctx, delivery, user.id, { scheduledAt }), runDigest(ctx, delivery, user.id, { scheduledAt })]);
        const outcomes = [...first.map((r) => (r.status === 'fulfilled' ? r.value.status : 'error')), ...retry.map((r) => r.status)];
        expect(outcomes.filter((o) => o === 'sent' || o === 'recovered')).toHaveLength(1);
        dates.push(retry[0]!.date);
        clock = new Date(ms + 90 * 60_000); // a retry hours later still builds the scheduled day
        expect((await runDigest(ctx, delivery, user.id, { scheduledAt })).date).toBe(retry[0]!.date);
      }
      const rows = await runtime.database.db.selectFrom('digests').select(['date', 'created_at', 'sent_at', 'message_id']).where('user_id', '=', user.id).orderBy('date').execute();
      expect(rows.map((r) => r.date)).toEqual(dates);
      expect(new Set(dates).size).toBe(7);
      expect(rows.every((r) => r.sent_at !== null)).toBe(true);
      expect(rows.map((r) => DateTime.fromJSDate(r.created_at, { zone }).toFormat('HH:mm'))).toEqual(new Array(7).fill('08:00'));
      const mine = mailbox.sent.slice(sentBefore).map((s) => s.messageId);
      expect(mine.sort()).toEqual(rows.map((r) => r.message_id).sort());
    });
  });

  it('catches a missed run up once: not skipped, not doubled', async () => {
    clock = new Date('2026-12-02T10:30:00Z'); // the service was down at 08:00 UTC
    const { user } = await userWithAccount(runtime.database.db, 'late@example.com', { timeZone: 'UTC', week, holidays: { enabled: false } });
    const jobsFor = async () => (await runtime.producer.queue('schedule').getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j?.name === 'build-digest' && j.data.userId === user.id && j.data.date);
    await scanDigests(ctx);
    await scanDigests(ctx);
    const queued = await jobsFor();
    expect(queued.map((j) => [j.id, j.data.date])).toEqual([[`build-digest-${user.id}-2026-12-02`, '2026-12-02']]);
    // The worker runs it; later scans find the digest sent and queue nothing more.
    await runDigest(ctx, delivery, user.id, { date: '2026-12-02', scheduledAt: clock });
    await queued[0]!.remove();
    await scanDigests(ctx);
    expect(await jobsFor()).toEqual([]);
    const scheduler = await runtime.producer.queue('schedule').getJobScheduler(digestSlotId({ timeZone: 'UTC', time: '08:00' }));
    expect(scheduler).toMatchObject({ pattern: '0 8 * * *', tz: 'UTC' });
  });

  it('shares one scheduler per zone and time, queues each user of a slot once, and prunes slots nobody uses', async () => {
    clock = new Date('2026-12-04T06:00:00Z');
    const queue = runtime.producer.queue('schedule');
    const { user: tirane } = await userWithAccount(runtime.database.db, 'slot-tirane@example.com', { timeZone: 'Europe/Tirane', week, holidays: { enabled: false } });
    const { user: early } = await userWithAccount(runtime.database.db, 'slot-early@example.com', { timeZone: 'Europe/Tirane', week, holidays: { enabled: false }, digest: { time: '07:30' } });
    // A per-user scheduler left by an earlier version.
    await queue.upsertJobScheduler(`digest-${tirane.id}`, { pattern: '0 8 * * *', tz: 'Europe/Tirane' }, { name: 'build-digest', data: { userId: tirane.id } });
    await scanDigests(ctx); // (also catches up their 3 Dec digests, which are not looked at here)
    const ids = async () => (await queue.getJobSchedulers()).filter((j) => j.name === 'start-digests' || j.name === 'build-digest').map((j) => j.key).sort();
    const eight = digestSlotId({ timeZone: 'Europe/Tirane', time: '08:00' });
    const halfSeven = digestSlotId({ timeZone: 'Europe/Tirane', time: '07:30' });
    expect(await ids()).toEqual(expect.arrayContaining([eight, halfSeven]));
    expect(await ids()).not.toContain(`digest-${tirane.id}`);

    // A user whose stored settings no longer validate costs only their own digest.
    const { user: broken } = await userWithAccount(runtime.database.db, 'slot-broken@example.com', { timeZone: 'Europe/Tirane', week, holidays: { enabled: false } });
    await runtime.database.db.updateTable('settings').set({ data: JSON.stringify({ timeZone: 'Europe/Tirane', week: 'weekdays' }) }).where('user_id', '=', broken.id).execute();
    // 08:00 in Tirane on 4 Dec is 07:00Z: only the 08:00 user of that zone is queued, for that date.
    const run = { timeZone: 'Europe/Tirane', time: '08:00' };
    // (Earlier tests left other users in Tirane; only these two are looked at.)
    await startDigests(ctx, run, new Date('2026-12-04T07:00:00Z'));
    await startDigests(ctx, run, new Date('2026-12-04T07:00:00Z')); // a retry adds nothing new
    const queued = (await queue.getJobs(['waiting'])).filter((j) => j?.name === 'build-digest' && j.data.date === '2026-12-04' && [tirane.id, early.id, broken.id].includes(j.data.userId));
    expect(queued.map((j) => [j.id, j.data])).toEqual([[`build-digest-${tirane.id}-2026-12-04`, { userId: tirane.id, date: '2026-12-04' }]]);

    // The 07:30 user moves to 08:00: the 07:30 slot has nobody left and goes at the next scan.
    await putSettings(runtime.database.db, early.id, { timeZone: 'Europe/Tirane', week, holidays: { enabled: false }, digest: { time: '08:00' } }, clock);
    await rescheduleDigest(ctx, early.id);
    await scanDigests(ctx);
    expect(await ids()).toContain(eight);
    expect(await ids()).not.toContain(halfSeven);
  });

  it('does not catch up for a user who signed up after the digest time', async () => {
    clock = new Date('2026-12-03T10:30:00Z');
    const { user } = await userWithAccount(runtime.database.db, 'new@example.com', { timeZone: 'UTC', week, holidays: { enabled: false } }, new Date('2026-12-03T09:00:00Z'));
    await scanDigests(ctx);
    const jobs = (await runtime.producer.queue('schedule').getJobs(['waiting'])).filter((j) => j?.data.userId === user.id);
    expect(jobs).toEqual([]);
  });
});
