import type { FastifyInstance } from 'fastify';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import type { RunningWorkers } from '../../workers/main.js';
import type { Runtime } from '../../src/runtime.js';
import { connectThroughConsent, serveWithWorkers, step } from './serve.js';
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
/** `env` adds settings (another provider's, say) to the service's configuration. */
export async function startMicrosoftService(opts: { now: () => Date; publicUrl?: string; env?: Record<string, string> }): Promise<MicrosoftService> {
  const emulator = await startGraphEmulator({ now: opts.now });
  const original: Dispatcher = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ connect: { ca: emulator.ca } }));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const runtime = await testRuntime({
    now: opts.now,
    env: {
      PUBLIC_URL: opts.publicUrl ?? baseUrl,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      MICROSOFT_CLIENT_ID: emulator.control.oauth.clientId,
      MICROSOFT_CLIENT_SECRET: emulator.control.oauth.clientSecret,
      MICROSOFT_AUTHORITY: emulator.control.oauth.authority,
      MICROSOFT_GRAPH_URL: emulator.baseUrl,
      ...opts.env,
    },
  });
  const { app, workers, close } = await serveWithWorkers(runtime, port);
  const { auth } = await userWithToken(runtime.database.db, 'freelancer@contoso.example');
  return {
    emulator,
    runtime,
    app,
    workers,
    baseUrl,
    auth,
    async stop() {
      await close();
      await step('emulator', () => emulator.close());
      setGlobalDispatcher(original);
    },
  };
}

export const connectMicrosoft = (service: MicrosoftService): Promise<string> => connectThroughConsent(service.baseUrl, service.auth, 'microsoft');
