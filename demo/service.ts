import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/load.js';
import { ensureRedis } from '../src/cli/local-redis.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { buildServer } from '../src/server.js';
import { newApiToken } from '../src/auth/api-tokens.js';
import { addApiToken, createUser } from '../src/storage/users.js';
import { startWorkers, type RunningWorkers } from '../workers/main.js';
import { buildProcessors } from '../workers/processors/index.js';
import { googleEnvFor, startGoogleEmulator, type GoogleEmulator } from '../test/emulators/google/index.js';
import { pino } from 'pino';

export interface DemoService {
  emulator: GoogleEmulator;
  runtime: Runtime;
  app: FastifyInstance;
  workers: RunningWorkers;
  baseUrl: string;
  headers: Record<string, string>;
  userId: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const CLIENT = { id: 'boundary-demo.apps.googleusercontent.com', secret: 'boundary-demo-secret' };

/**
 * The real service on the embedded defaults (PGlite under dataDir, local Redis), with the Google
 * emulator standing in for Gmail and Google Calendar, on a clock the demo controls.
 */
export async function startDemoService(opts: { dataDir: string; now: () => Date; me: string; say: (s: string) => void }): Promise<DemoService> {
  const emulator = await startGoogleEmulator({ now: opts.now, clientId: CLIENT.id, clientSecret: CLIENT.secret, userAddress: opts.me });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const key = () => randomBytes(32).toString('base64');
  const config = loadConfig({
    DATA_DIR: opts.dataDir,
    PUBLIC_URL: baseUrl,
    PORT: String(port),
    LOG_LEVEL: 'silent',
    REDIS_URL: process.env.REDIS_URL ?? '',
    QUEUE_PREFIX: `{demo${randomBytes(4).toString('hex')}}`,
    TOKEN_ENCRYPTION_KEY: key(),
    SESSION_SECRET: key(),
    ...googleEnvFor(emulator, CLIENT),
  });
  const localRedis = await ensureRedis({ url: config.redisUrl, explicit: config.redisUrlExplicit, dataDir: opts.dataDir, say: opts.say });
  const runtime = await createRuntime(config, { now: opts.now, logger: pino({ level: 'silent' }) });
  const app = await buildServer(runtime);
  await app.listen({ host: '127.0.0.1', port });
  const workers = startWorkers(runtime, buildProcessors(runtime.pipeline, config.queuePrefix));
  const user = await createUser(runtime.database.db, { email: opts.me, name: 'Elira Hoxha' });
  const { token, hash } = newApiToken();
  await addApiToken(runtime.database.db, user.id, hash, 'demo');
  return {
    emulator,
    runtime,
    app,
    workers,
    baseUrl,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    userId: user.id,
    async stop() {
      await app.close();
      await workers.close(5_000);
      for (const q of ['sync', 'send', 'schedule'] as const) await runtime.producer.queue(q).obliterate({ force: true }).catch(() => {});
      await runtime.close();
      await emulator.close();
      localRedis?.kill('SIGTERM');
    },
  };
}

/** Waits until no job is waiting, running or delayed: the pipeline has finished with the last event. */
export async function idle(runtime: Runtime): Promise<void> {
  for (;;) {
    let busy = 0;
    for (const q of ['sync', 'send'] as const) {
      const c = await runtime.producer.queue(q).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      busy += (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0);
    }
    if (busy === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The OAuth dance as a browser would do it: our redirect, the emulator's consent, our callback. */
export async function connectGmail(s: DemoService): Promise<string> {
  const { authorizationUrl } = (await (await fetch(`${s.baseUrl}/connect/google?format=json`, { headers: s.headers })).json()) as { authorizationUrl: string };
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  const done = await fetch(consent.headers.get('location')!, { headers: { accept: 'application/json' } });
  const body = (await done.json()) as { account?: { id: string }; message?: string };
  if (!body.account) throw new Error(`could not connect the demo mailbox: ${body.message}`);
  return body.account.id;
}
