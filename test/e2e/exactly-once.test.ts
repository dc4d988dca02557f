import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { googleEnvFor, startGoogleEmulator, type GoogleEmulator } from '../emulators/google/index.js';
import { connectGoogle, freePort, GOOGLE_CLIENT, until } from '../support/google-service.js';
import { postgresAvailable } from '../support/postgres.js';
import { spawnWorker, startOwnRedis } from '../support/processes.js';
import { testRuntime } from '../support/runtime.js';
import { userWithToken } from '../support/users.js';

const MESSAGES = 200;
const ME = 'elira@hoxha.studio';
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const hasPostgres = await postgresAvailable();
if (!hasPostgres) console.warn('exactly-once drill skipped: worker processes need a shared PostgreSQL at 127.0.0.1:5432');

/**
 * Invariant 1 under fire: two worker processes, SIGKILLed at random while 200 after-hours
 * messages are handled, duplicate push notifications, and one Redis restart. Every message must
 * get exactly one reply: 0 duplicates, 0 missing.
 */
describe.skipIf(!hasRedis || !hasPostgres)('exactly one reply per message, with workers killed at random', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('sends 200 replies, no more and no fewer', { timeout: 240_000 }, async () => {
    const redis = await startOwnRedis();
    cleanup.push(() => redis.stop());
    const emulator: GoogleEmulator = await startGoogleEmulator({ clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret, userAddress: ME });
    cleanup.push(() => emulator.close());
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      REDIS_URL: redis.url,
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'silent',
      POLL_INTERVAL_SECONDS: '2',
      JOB_LOCK_SECONDS: '3',
      ...googleEnvFor(emulator, GOOGLE_CLIENT),
    };
    const runtime: Runtime = await testRuntime({ engine: 'postgres', env });
    cleanup.push(() => runtime.close());
    const app: FastifyInstance = await buildServer(runtime);
    await app.listen({ host: '127.0.0.1', port });
    cleanup.push(() => app.close());
    // The worker processes share this database and configuration.
    Object.assign(env, {
      DATABASE_URL: runtime.database.url ?? '',
      QUEUE_PREFIX: runtime.config.queuePrefix,
      TOKEN_ENCRYPTION_KEY: runtime.config.tokenKeys.current.toString('base64'),
      SESSION_SECRET: runtime.config.sessionSecret.toString('base64'),
    });
    expect(env.DATABASE_URL).toMatch(/^postgres/);

    const { auth } = await userWithToken(runtime.database.db, ME);
    const service = { baseUrl, auth, emulator } as unknown as Parameters<typeof connectGoogle>[0];
    const json = { ...auth, 'content-type': 'application/json' };
    const week = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }; // never working: every message is after hours
    expect((await fetch(`${baseUrl}/api/settings`, { method: 'PUT', headers: json, body: JSON.stringify({ timeZone: 'Europe/Tirane', week, holidays: { enabled: false }, gracePeriodMinutes: 0 }) })).status).toBe(200);
    const accountId = await connectGoogle(service);
    expect((await fetch(`${baseUrl}/api/accounts/${accountId}/sending`, { method: 'PUT', headers: json, body: JSON.stringify({ sending: true }) })).status).toBe(200);

    const workers: ChildProcess[] = [spawnWorker(env), spawnWorker(env)];
    cleanup.push(() => workers.forEach((w) => w.kill('SIGKILL')));
    const push = () => emulator.control.push(`${baseUrl}/webhooks/google/pubsub`, { emailAddress: ME, historyId: '1' }, { audience: `${baseUrl}/webhooks/google/pubsub` }).catch(() => 0);
    let kills = 0;
    const killOne = () => {
      const i = Math.floor(Math.random() * workers.length);
      workers[i]!.kill('SIGKILL');
      workers[i] = spawnWorker(env);
      kills += 1;
    };

    for (let i = 0; i < MESSAGES; i++) {
      await emulator.control.injectMessage({ from: `Client ${i} <client${i}@acme${i % 17}.example>`, to: [ME], subject: `Question ${i}`, headers: { 'Message-ID': `<q${i}@drill.example>` } });
      if (i % 10 === 9) {
        await Promise.all([push(), push()]); // duplicate notifications
        if (Math.random() < 0.5) killOne();
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 300));
      }
      if (i === MESSAGES / 2) await redis.restart();
    }
    await push();

    const replies = await until(async () => {
      const sent = await emulator.control.sent();
      const answered = new Set(sent.map((s) => /^In-Reply-To: (.*)$/m.exec(s.raw)?.[1]?.trim()));
      return answered.size >= MESSAGES && sent;
    }, 150_000);
    await new Promise((r) => setTimeout(r, 3_000)); // let any straggler that would duplicate show up
    const sent = await emulator.control.sent();
    const perMessage = new Map<string, number>();
    for (const s of sent) {
      const id = /^In-Reply-To: (.*)$/m.exec(s.raw)?.[1]?.trim() ?? '?';
      perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
    }
    const duplicates = [...perMessage.values()].filter((n) => n > 1).length;
    const missing = Array.from({ length: MESSAGES }, (_, i) => `<q${i}@drill.example>`).filter((id) => !perMessage.has(id)).length;
    console.info(`exactly-once drill: ${MESSAGES} messages, ${kills} worker kills, 1 Redis restart → ${replies.length} replies, ${duplicates} duplicates, ${missing} missing`);
    expect({ duplicates, missing, replies: sent.length }).toEqual({ duplicates: 0, missing: 0, replies: MESSAGES });
  });
});
