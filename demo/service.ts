import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { loadConfig, type Config } from '../config/load.js';
import { serveAdminSocket } from '../src/cli/admin-socket.js';
import { ensureRedis } from '../src/cli/local-redis.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { buildServer } from '../src/server.js';
import { newApiToken } from '../src/auth/api-tokens.js';
import { addApiToken } from '../src/storage/api-tokens.js';
import { createUser } from '../src/storage/users.js';
import { startWorkers, type RunningWorkers } from '../workers/main.js';
import { buildProcessors } from '../workers/processors/index.js';
import { googleEnvFor, startGoogleEmulator, type GoogleEmulator } from '../dev/emulators/google/index.js';
import { startGraphEmulator, type GraphEmulator } from '../dev/emulators/microsoft/index.js';
import { connectThroughConsent } from '../dev/support/serve.js';
import { pino } from 'pino';
import { MAILBOXES, type Mailbox } from './scenario.js';

export interface DemoService {
  google: GoogleEmulator;
  microsoft: GraphEmulator;
  runtime: Runtime;
  config: Config;
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
 * emulator standing in for Gmail and Google Calendar and the Graph emulator for Outlook, on a
 * clock the demo controls. The Graph emulator speaks HTTPS with its own CA, which Node is told to
 * trust through undici's global dispatcher (the fetch MSAL and the Graph SDK use).
 */
export async function startDemoService(opts: { dataDir: string; now: () => Date; me: string; say: (s: string) => void; port?: number }): Promise<DemoService> {
  const google = await startGoogleEmulator({ now: opts.now, clientId: CLIENT.id, clientSecret: CLIENT.secret, userAddress: opts.me });
  const microsoft = await startGraphEmulator({ now: opts.now, user: { address: MAILBOXES.outlook.address, displayName: 'Elira Hoxha' } });
  // Tirana's zone in Windows terms, and the same hours as her Gmail settings.
  microsoft.control.mailboxSettings({ timeZone: 'Central Europe Standard Time', workingHours: { startTime: '09:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'Central Europe Standard Time' } } });
  const dispatcher = getGlobalDispatcher();
  setGlobalDispatcher(new Agent({ connect: { ca: microsoft.ca } }));
  const port = opts.port ?? (await freePort());
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
    ...googleEnvFor(google, CLIENT),
    // Elira lets Boundary write drafts (issue 20) when she connects, so Google asks her once.
    GOOGLE_SCOPES: 'openid email https://www.googleapis.com/auth/gmail.readonly https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/gmail.compose',
    MICROSOFT_CLIENT_ID: microsoft.control.oauth.clientId,
    MICROSOFT_CLIENT_SECRET: microsoft.control.oauth.clientSecret,
    MICROSOFT_AUTHORITY: microsoft.control.oauth.authority,
    MICROSOFT_GRAPH_URL: microsoft.baseUrl,
  });
  const localRedis = await ensureRedis({ url: config.redisUrl, explicit: config.redisUrlExplicit, dataDir: opts.dataDir, say: opts.say });
  const runtime = await createRuntime(config, { now: opts.now, logger: pino({ level: 'silent' }) });
  const app = await buildServer(runtime);
  await app.listen({ host: '127.0.0.1', port });
  // CLI data commands (user token, digest) reach this process's embedded database here.
  const adminSocket = await serveAdminSocket(config, runtime.database.db, () => {});
  const workers = startWorkers(runtime, buildProcessors(runtime.pipeline));
  const user = await createUser(runtime.database.db, { email: opts.me, name: 'Elira Hoxha' });
  const { token, hash } = newApiToken();
  await addApiToken(runtime.database.db, user.id, hash, 'demo');
  return {
    google,
    microsoft,
    runtime,
    app,
    workers,
    baseUrl,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    userId: user.id,
    config,
    async stop() {
      await app.close();
      await adminSocket.close();
      await workers.close(5_000);
      for (const q of ['sync', 'send', 'schedule'] as const) await runtime.producer.queue(q).obliterate({ force: true }).catch(() => {});
      await runtime.close();
      await google.close();
      await microsoft.close();
      setGlobalDispatcher(dispatcher);
      localRedis?.kill('SIGTERM');
    },
  };
}

/**
 * Waits until the pipeline has finished with the last event. A held reply's send job sits delayed
 * until her working start (issue 21): that is the pipeline resting, so it does not count as busy.
 */
export async function idle(runtime: Runtime): Promise<void> {
  for (;;) {
    let busy = 0;
    for (const q of ['sync', 'send'] as const) {
      const queue = runtime.producer.queue(q);
      const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
      busy += (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
      busy += (await queue.getDelayed()).filter((job) => job.name !== 'send-held').length;
    }
    if (busy === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Connects a mailbox the way a browser would (our redirect, the emulator's consent, our callback) and turns sending on. */
export async function connectMailbox(s: DemoService, mailbox: Mailbox): Promise<string> {
  const accountId = await connectThroughConsent(s.baseUrl, { authorization: s.headers.authorization! }, MAILBOXES[mailbox].provider);
  const res = await fetch(`${s.baseUrl}/api/accounts/${accountId}/sending`, { method: 'PUT', headers: s.headers, body: JSON.stringify({ sending: true }) });
  if (!res.ok) throw new Error(`could not turn sending on for ${MAILBOXES[mailbox].address}: ${await res.text()}`);
  return accountId;
}
