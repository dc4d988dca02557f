import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { RunningWorkers } from '../../workers/main.js';
import type { Runtime } from '../../src/runtime.js';
import { connectThroughConsent, serveWithWorkers, step } from './serve.js';
import { googleEnvFor, startGoogleEmulator, type GoogleEmulator } from '../emulators/google/index.js';
import { testRuntime, type Engine } from './runtime.js';
import { userWithToken } from './users.js';

export const GOOGLE_CLIENT = { id: 'boundary-e2e.apps.googleusercontent.com', secret: 'boundary-e2e-secret' };

/**
 * A loopback port nothing listens on now. The port is closed again before the caller binds it,
 * so the kernel may offer it twice: a port already handed out in this process is never returned
 * again (servers started together, such as Dovecot's and Postfix's, get distinct ports).
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

const handedOut = new Set<number>();

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
/** `env` adds settings (another provider's, say) to the service's configuration. */
export async function startGoogleService(opts: { now: () => Date; engine?: Engine; userAddress?: string; env?: Record<string, string> }): Promise<GoogleService> {
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
      ...opts.env,
    },
  });
  const { app, workers, close } = await serveWithWorkers(runtime, port);
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
      await close();
      await step('emulator', () => emulator.close());
    },
  };
}

export const connectGoogle = (service: GoogleService): Promise<string> => connectThroughConsent(service.baseUrl, service.auth, 'google');

export async function until<T>(check: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
