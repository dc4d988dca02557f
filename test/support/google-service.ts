import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { startWorkers, type RunningWorkers } from '../../workers/main.js';
import { buildProcessors } from '../../workers/processors/index.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { googleEnvFor, startGoogleEmulator, type GoogleEmulator } from '../emulators/google/index.js';
import { testRuntime, type Engine } from './runtime.js';
import { userWithToken } from './users.js';

export const GOOGLE_CLIENT = { id: 'boundary-e2e.apps.googleusercontent.com', secret: 'boundary-e2e-secret' };

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface GoogleService {
  emulator: GoogleEmulator;
  runtime: Runtime;
  app: FastifyInstance;
  workers: RunningWorkers;
  baseUrl: string;
  auth: { authorization: string };
  userId: string;
  stop(): Promise<void>;
}

/**
 * The whole service in-process on a real port, with workers, real Redis and the Google emulator
 * standing in for Google. The official SDKs talk to the emulator over HTTP.
 */
export async function startGoogleService(opts: { now: () => Date; engine?: Engine; userAddress?: string }): Promise<GoogleService> {
  const emulator = await startGoogleEmulator({ now: opts.now, clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret, userAddress: opts.userAddress ?? 'elira@hoxha.studio' });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const runtime = await testRuntime({
    engine: opts.engine,
    now: opts.now,
    env: {
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...googleEnvFor(emulator, GOOGLE_CLIENT),
    },
  });
  const app = await buildServer(runtime);
  await app.listen({ host: '127.0.0.1', port });
  const workers = startWorkers(runtime, buildProcessors(runtime.pipeline, runtime.config.queuePrefix));
  const { user, auth } = await userWithToken(runtime.database.db, 'elira@hoxha.studio');
  return {
    emulator,
    runtime,
    app,
    workers,
    baseUrl,
    auth,
    userId: user.id,
    async stop() {
      await app.close();
      await workers.close(5_000);
      await runtime.close();
      await emulator.close();
    },
  };
}

/** Runs the OAuth dance the way a browser would: our redirect → emulator consent → our callback. */
export async function connectGoogle(service: GoogleService): Promise<string> {
  const start = await fetch(`${service.baseUrl}/connect/google?format=json`, { headers: service.auth });
  const { authorizationUrl } = (await start.json()) as { authorizationUrl: string };
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  const callback = consent.headers.get('location');
  if (!callback) throw new Error(`emulator consent did not redirect (${consent.status})`);
  const done = await fetch(callback, { headers: { accept: 'application/json' } });
  const body = (await done.json()) as { account?: { id: string }; message?: string };
  if (!body.account) throw new Error(`connect failed: ${body.message}`);
  return body.account.id;
}

export async function until<T>(check: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
