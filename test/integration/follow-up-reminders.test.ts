import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobIds } from '../../src/jobs/definitions.js';
import { scanFollowUps } from '../../src/pipeline/follow-up-scan.js';
import { enqueueFollowUpScans } from '../../src/pipeline/follow-up-schedule.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import type { Db } from '../../src/storage/db.js';
import { insertClient, putSettings } from '../../src/storage/settings-store.js';
import { postgresAvailable } from '../../dev/support/postgres.js';
import { testRuntime, type Engine } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';

const engines: Engine[] = [...((await postgresAvailable()) ? (['postgres'] as const) : []), 'pglite'];
const nineToFive = [{ start: '09:00', end: '17:00' }];
const SETTINGS = {
  timeZone: 'America/New_York',
  name: 'Ana',
  week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: { enabled: false },
  silence: { thresholdDays: 2, quietClientDays: 5 },
};
const at = (utc: string) => new Date(utc);

async function message(db: Db, id: string, thread: string, direction: 'in' | 'out', when: string, extra: { automated?: boolean; subject?: string; clientId?: string } = {}) {
  await db
    .insertInto('messages')
    .values({
      account_id: 'acc', provider_message_id: id, thread_id: thread, message_id: `<${id}@x>`, direction,
      from_address: direction === 'in' ? 'boss@acme.com' : 'ana@studio.example',
      recipients: JSON.stringify(direction === 'in' ? ['ana@studio.example'] : ['boss@acme.com']),
      client_id: direction === 'in' ? (extra.clientId ?? null) : null, subject: extra.subject ?? 'Logo drafts', received_at: when, automated: extra.automated ?? false,
    })
    .execute();
}

describe.each(engines)('follow-up reminders on %s', (engine) => {
  let runtime: Runtime;
  let app: FastifyInstance;
  let db: Db;
  let ana: Awaited<ReturnType<typeof userWithToken>>;
  let clientId: string;
  const clock = { now: at('2025-07-07T13:00:00Z') };

  const counts = async () => {
    const rows = await db.selectFrom('reminders').select(['kind', 'subject', 'episode', 'level', 'status']).where('user_id', '=', ana.user.id).orderBy('created_at').orderBy('level').execute();
    const logged = await db.selectFrom('activity').select('kind').where('user_id', '=', ana.user.id).where('kind', 'like', 'reminder.%').execute();
    return { rows, logged: logged.map((l) => l.kind).sort() };
  };

  beforeAll(async () => {
    runtime = await testRuntime({ engine, now: () => clock.now });
    app = await buildServer(runtime);
    db = runtime.database.db;
    ana = await userWithToken(db, 'ana@studio.example');
    await putSettings(db, ana.user.id, SETTINGS, clock.now);
    await db.insertInto('accounts').values({ id: 'acc', user_id: ana.user.id, provider: 'google', address: 'ana@studio.example', tokens: 'x' }).execute();
    clientId = (await insertClient(db, ana.user.id, { name: 'Acme', addresses: [], domains: ['acme.com'], language: 'ru', vip: false, autoReply: true }, clock.now)).id;
    // Monday 7 July, 09:00 New York: Ana sends drafts. Only an out-of-office comes back.
    await message(db, 'm1', 't1', 'out', '2025-07-07T13:00:00Z');
    await message(db, 'm2', 't1', 'in', '2025-07-07T13:01:00Z', { automated: true, subject: 'Автоматический ответ: Logo drafts', clientId });
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
  });

  it('two scans at once create each reminder once, and repeating them adds nothing', async () => {
    const now = at('2025-07-09T13:00:00Z'); // Wednesday 09:00: 16 working hours, the threshold
    const [a, b] = await Promise.all([scanFollowUps(runtime.pipeline, ana.user.id, now), scanFollowUps(runtime.pipeline, ana.user.id, now)]);
    expect(a.created + b.created).toBe(1);
    for (let i = 0; i < 3; i++) expect(await scanFollowUps(runtime.pipeline, ana.user.id, now)).toMatchObject({ created: 0, escalated: 0, resolved: 0 });
    const { rows, logged } = await counts();
    expect(rows).toEqual([{ kind: 'awaiting-client', subject: 't1', episode: '2025-07-07T13:00:00.000Z', level: 1, status: 'open' }]);
    expect(logged).toEqual(['reminder.created']);
  });

  it('escalates once at twice the threshold, under concurrent scans too', async () => {
    const now = at('2025-07-11T13:00:00Z'); // Friday 09:00: 32 working hours
    await Promise.all([scanFollowUps(runtime.pipeline, ana.user.id, now), scanFollowUps(runtime.pipeline, ana.user.id, now), scanFollowUps(runtime.pipeline, ana.user.id, now)]);
    await scanFollowUps(runtime.pipeline, ana.user.id, now);
    const { rows, logged } = await counts();
    expect(rows.map((r) => [r.level, r.status])).toEqual([[1, 'resolved'], [2, 'open']]);
    expect(logged).toEqual(['reminder.created', 'reminder.escalated']);
    clock.now = now;
    const list = (await app.inject({ url: '/api/reminders', headers: ana.auth })).json().reminders;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'awaiting-client', level: 2, clientId });
    expect(list[0].suggestedFollowUp).toMatch(/^Здравствуйте!/); // the client's language, for the user to send
  });

  it('resolves the reminder once the client really answers', async () => {
    await message(db, 'm3', 't1', 'in', '2025-07-11T15:00:00Z', { subject: 'Re: Logo drafts', clientId });
    const now = at('2025-07-11T16:00:00Z');
    const [a, b] = await Promise.all([scanFollowUps(runtime.pipeline, ana.user.id, now), scanFollowUps(runtime.pipeline, ana.user.id, now)]);
    expect(a.resolved + b.resolved).toBe(1);
    const { rows, logged } = await counts();
    expect(rows.every((r) => r.status === 'resolved')).toBe(true);
    expect(logged).toEqual(['reminder.created', 'reminder.escalated', 'reminder.resolved']);
  });

  it('lets the user mark a reminder done or dismissed, and only their own', async () => {
    // The client's answer now waits on Ana past her promised 8 working hours.
    const now = at('2025-07-14T16:00:00Z');
    clock.now = now;
    await scanFollowUps(runtime.pipeline, ana.user.id, now);
    const [open] = (await app.inject({ url: '/api/reminders?status=open', headers: ana.auth })).json().reminders;
    expect(open).toMatchObject({ kind: 'unanswered-by-user', subject: 't1' });
    const ben = await userWithToken(db, `ben-${engine}@example.com`);
    expect((await app.inject({ method: 'PATCH', url: `/api/reminders/${open.id}`, headers: ben.auth, payload: { status: 'done' } })).statusCode).toBe(404);
    const bad = await app.inject({ method: 'PATCH', url: `/api/reminders/${open.id}`, headers: ana.auth, payload: { status: 'snoozed' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('status');
    expect((await app.inject({ method: 'PATCH', url: `/api/reminders/${open.id}`, headers: ana.auth, payload: { status: 'done' } })).json().reminder.status).toBe('done');
    expect((await app.inject({ url: '/api/reminders', headers: ana.auth })).json().reminders).toEqual([]);
    await scanFollowUps(runtime.pipeline, ana.user.id, now); // the same episode and level is not reminded again
    expect((await app.inject({ url: '/api/reminders', headers: ana.auth })).json().reminders).toEqual([]);
    const report = (await app.inject({ url: '/api/follow-ups', headers: ana.auth })).json().report;
    expect(report.unansweredByUser[0]).toMatchObject({ threadId: 't1', promisedWorkingHours: 8 });
  });

  it('enqueues one scan per user per hour, however often the pass runs', async () => {
    const ctx = { ...runtime.pipeline, now: () => at('2025-07-14T16:10:00Z') };
    expect(await enqueueFollowUpScans(ctx)).toBe(1);
    await enqueueFollowUpScans({ ...ctx, now: () => at('2025-07-14T16:50:00Z') });
    const queue = runtime.producer.queue('schedule');
    const jobs = (await queue.getJobs(['waiting', 'delayed', 'prioritized'])).filter((j) => j.name === 'scan-follow-ups');
    expect(jobs.map((j) => j.id)).toEqual([jobIds.scanFollowUps(ana.user.id, Math.floor(at('2025-07-14T16:00:00Z').getTime() / 3_600_000))]);
    expect(jobs[0]?.data).toEqual({ userId: ana.user.id });
  });
});
