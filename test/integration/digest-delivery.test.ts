import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWorkers } from '../../workers/main.js';
import { buildDigestProcessor, startDigestsProcessor } from '../../workers/processors/digest.js';
import type { PipelineContext } from '../../src/pipeline/context.js';
import { runDigest } from '../../src/pipeline/digest-run.js';
import { digestSlotId, scheduleDigest } from '../../src/pipeline/digest-schedule.js';
import { DateTime } from 'luxon';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { addApiToken } from '../../src/storage/api-tokens.js';
import { newApiToken } from '../../src/auth/api-tokens.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { recordingMailbox, userWithAccount } from './digest-seed.js';

const nineToFive = [{ start: '09:00', end: '17:00' }];
const week = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] };

describe('digest delivery and API', () => {
  let runtime: Runtime;
  let clock = new Date('2026-11-24T07:00:00Z');
  const mailbox = recordingMailbox();
  let ctx: PipelineContext;
  beforeAll(async () => {
    runtime = await testRuntime({ now: () => clock });
    ctx = { ...runtime.pipeline, providers: async () => mailbox.provider };
  });
  afterAll(async () => runtime?.close());

  it("runs the real BullMQ scheduler of the user's zone and time on two workers: one digest, one email, at 08:00 local", async () => {
    const { user } = await userWithAccount(runtime.database.db, 'ny@example.com', { timeZone: 'America/New_York', week, holidays: { enabled: false } });
    const settings = { timeZone: 'America/New_York', digest: { enabled: true, time: '08:00', skipNonWorkingDays: false } };
    await scheduleDigest(ctx, settings);
    await scheduleDigest(ctx, settings); // upserting again changes nothing
    const queue = runtime.producer.queue('schedule');
    const delayed = (await queue.getDelayed()).filter((j) => j.name === 'start-digests');
    expect(delayed.map((j) => j.data)).toEqual([{ timeZone: 'America/New_York', time: '08:00' }]);
    expect(delayed).toHaveLength(1);
    const due = DateTime.fromMillis(delayed[0]!.opts.prevMillis!, { zone: 'America/New_York' });
    expect(due.toFormat('HH:mm')).toBe('08:00');
    clock = due.toJSDate();
    // A catch-up for the same day races the scheduler's own run.
    await runtime.producer.add('build-digest', { userId: user.id, date: due.toISODate()! }, { jobId: `build-digest-${user.id}-${due.toISODate()}` });
    const processors = { 'start-digests': startDigestsProcessor(ctx), 'build-digest': buildDigestProcessor(ctx, { from: 'Boundary <digest@localhost>' }) };
    const workers = [startWorkers(runtime, processors), startWorkers(runtime, processors)];
    try {
      await delayed[0]!.promote();
      await vi.waitFor(async () => {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
        const row = await runtime.database.db.selectFrom('digests').select('sent_at').where('user_id', '=', user.id).executeTakeFirst();
        expect(row?.sent_at).toBeTruthy();
        expect((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.prioritized ?? 0)).toBe(0);
      }, { timeout: 15_000, interval: 100 });
    } finally {
      await Promise.all(workers.map((w) => w.close(5_000)));
    }
    const rows = await runtime.database.db.selectFrom('digests').select(['date', 'message_id']).where('user_id', '=', user.id).execute();
    expect(rows).toEqual([{ date: due.toISODate(), message_id: expect.any(String) }]);
    expect(mailbox.sent.filter((m) => m.messageId === rows[0]!.message_id)).toHaveLength(1);
    const parsed = await simpleParser(mailbox.sent.find((m) => m.messageId === rows[0]!.message_id)!.mime);
    expect(parsed.to && 'text' in parsed.to ? parsed.to.text : '').toBe('ny@example.com');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.text).toContain('Good morning');
    expect(parsed.html).toContain('<table');
    expect(await queue.getJobScheduler(digestSlotId({ timeZone: 'America/New_York', time: '08:00' }))).toMatchObject({ pattern: '0 8 * * *', tz: 'America/New_York' });
  });

  it('sends through SMTP when configured, once', async () => {
    clock = new Date('2026-11-25T07:00:00Z');
    const { user } = await userWithAccount(runtime.database.db, 'smtp@example.com', { timeZone: 'UTC', week, holidays: { enabled: false } });
    const delivered: Array<{ to: string[]; raw: string }> = [];
    // A nodemailer transport plugin that keeps messages in memory instead of speaking SMTP.
    const smtp = nodemailer.createTransport({
      name: 'memory',
      version: '1',
      send(mail: { data: { raw?: string }; message: { getEnvelope(): { to: string[] } } }, done: (err: Error | null, info: object) => void) {
        delivered.push({ to: mail.message.getEnvelope().to, raw: String(mail.data.raw) });
        done(null, { messageId: 'x' });
      },
    } as never);
    const delivery = { smtp, from: 'Boundary <digest@boundary.example>' };
    const outcomes = await Promise.all([runDigest(ctx, delivery, user.id, { scheduledAt: clock }), runDigest(ctx, delivery, user.id, { scheduledAt: clock })]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['in-progress', 'sent'].sort());
    expect((await runDigest(ctx, delivery, user.id, { scheduledAt: clock })).status).toBe('already-sent');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.to).toEqual(['smtp@example.com']);
    const parsed = await simpleParser(delivered[0]!.raw);
    expect(parsed.from?.text).toContain('digest@boundary.example');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
  });

  describe('GET /api/digests', () => {
    let app: FastifyInstance;
    const auth = async (userId: string) => {
      const { token, hash } = newApiToken();
      await addApiToken(runtime.database.db, userId, hash, 't');
      return { authorization: `Bearer ${token}` };
    };
    beforeAll(async () => {
      app = await buildServer(runtime);
    });
    afterAll(async () => app?.close());

    it('lists, pages and shows your digests, and hides everyone else’s', async () => {
      const { user } = await userWithAccount(runtime.database.db, 'api@example.com', { timeZone: 'UTC', week, holidays: { enabled: false } });
      const { user: other } = await userWithAccount(runtime.database.db, 'api-other@example.com', { timeZone: 'UTC', week, holidays: { enabled: false } });
      for (const day of ['2026-11-26', '2026-11-27', '2026-11-28']) {
        clock = new Date(`${day}T08:00:00Z`);
        await runDigest(ctx, { from: 'x@y' }, user.id, { scheduledAt: clock });
      }
      const me = await auth(user.id);
      const page1 = await app.inject({ url: '/api/digests?limit=2', headers: me });
      expect(page1.statusCode).toBe(200);
      expect(page1.json().digests.map((d: { date: string }) => d.date)).toEqual(['2026-11-28', '2026-11-27']);
      expect(page1.json().digests[0]).toMatchObject({ subject: expect.stringContaining('Your boundary digest'), sentAt: expect.any(String) });
      const page2 = await app.inject({ url: `/api/digests?limit=2&before=${page1.json().next}`, headers: me });
      expect(page2.json()).toEqual({ digests: [expect.objectContaining({ date: '2026-11-26' })], next: null });

      const one = await app.inject({ url: '/api/digests/2026-11-27', headers: me });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({ date: '2026-11-27', model: { date: '2026-11-27', version: 1 }, text: expect.stringContaining('Good'), html: expect.stringContaining('<table') });
      const html = await app.inject({ url: '/api/digests/2026-11-27?format=html', headers: me });
      expect(html.headers['content-type']).toContain('text/html');

      expect((await app.inject({ url: '/api/digests/2026-11-27', headers: await auth(other.id) })).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/digests/2026-11-27' })).statusCode).toBe(401);
      const bad = await app.inject({ url: '/api/digests/27-11-2026', headers: me });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().issues[0].path).toBe('date');
    });
  });
});
