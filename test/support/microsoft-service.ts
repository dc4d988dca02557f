import type { FastifyInstance } from 'fastify';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { startWorkers, type RunningWorkers } from '../../workers/main.js';
import { buildProcessors } from '../../workers/processors/index.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { startGraphEmulator, type GraphEmulator } from '../emulators/microsoft/index.js';
import { freePort } from './google-service.js';
import { testRuntime } from './runtime.js';
import { userWithToken } from './users.js';

export interface MicrosoftService {
  emulator: GraphEmulator;
  runtime: Runtime;
  app: FastifyInstance;
  workers: RunningWorkers;
  baseUrl: string;
  auth: { authorization: string };
  stop(): Promise<void>;
}

/**
 * The service in-process with workers, real Redis and the Graph emulator (HTTPS, self-signed).
 * Node is told to trust the emulator's CA through undici's global dispatcher — the same fetch
 * the Graph SDK and MSAL use — so product code is unchanged.
 */
export async function startMicrosoftService(opts: { now: () => Date }): Promise<MicrosoftService> {
  const emulator = await startGraphEmulator({ now: opts.now });
  const original: Dispatcher = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ connect: { ca: emulator.ca } }));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const runtime = await testRuntime({
    now: opts.now,
    env: {
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      MICROSOFT_CLIENT_ID: emulator.control.oauth.clientId,
      MICROSOFT_CLIENT_SECRET: emulator.control.oauth.clientSecret,
      MICROSOFT_AUTHORITY: emulator.control.oauth.authority,
      MICROSOFT_GRAPH_URL: emulator.baseUrl,
    },
  });
  const app = await buildServer(runtime);
  await app.listen({ host: '127.0.0.1', port });
  const workers = startWorkers(runtime, buildProcessors(runtime.pipeline, runtime.config.queuePrefix));
  const { auth } = await userWithToken(runtime.database.db, 'freelancer@contoso.example');
  return {
    emulator,
    runtime,
    app,
    workers,
    baseUrl,
    auth,
    async stop() {
      await app.close();
      await workers.close(5_000);
      await runtime.close();
      await emulator.close();
      setGlobalDispatcher(original);
    },
  };
}

export async function connectMicrosoft(service: MicrosoftService): Promise<string> {
  const start = await fetch(`${service.baseUrl}/connect/microsoft?format=json`, { headers: service.auth });
  const started = (await start.json()) as { authorizationUrl?: string; message?: string };
  if (!started.authorizationUrl) throw new Error(`connect start failed: ${started.message}`);
  const consent = await fetch(started.authorizationUrl, { redirect: 'manual' });
  const callback = consent.headers.get('location');
  if (!callback) throw new Error(`emulator consent did not redirect (${consent.status})`);
  const done = await fetch(callback, { headers: { accept: 'application/json' } });
  const body = (await done.json()) as { account?: { id: string }; message?: string };
  if (!body.account) throw new Error(`connect failed: ${body.message}`);
  return body.account.id;
}
