import type { FastifyInstance } from 'fastify';
import { upsertServiceSchedules } from '../src/pipeline/schedules.js';
import type { Runtime } from '../src/runtime.js';
import { buildServer } from '../src/server.js';
import { startWorkers, type RunningWorkers } from '../workers/main.js';
import { buildProcessors } from '../workers/processors/index.js';
import { googleEnvFor, startGoogleEmulator, type GoogleEmulator } from '../dev/emulators/google/index.js';
import { connectGoogle, freePort, GOOGLE_CLIENT, type GoogleService } from '../dev/support/google-service.js';
import { startOwnRedis } from '../dev/support/processes.js';
import { testRuntime, type Engine } from '../dev/support/runtime.js';
import { userWithToken } from '../dev/support/users.js';

export const ME = 'elira@hoxha.studio';
/** Never working: every message is after hours, so every client message deserves a reply. */
export const NEVER_WORKING = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

export interface DrillService {
  emulator: GoogleEmulator;
  runtime: Runtime;
  app: FastifyInstance;
  baseUrl: string;
  auth: { authorization: string };
  /** The environment a `boundary worker` process needs to join this service. */
  workerEnv: Record<string, string>;
  redis: Awaited<ReturnType<typeof startOwnRedis>>;
  accountId: string;
  push(): Promise<number>;
  stop(): Promise<void>;
}

export interface DrillServiceOptions {
  /** Worker processes need a database they can share: PostgreSQL. */
  engine: Engine;
  /** Run the workers (and the polling scheduler) inside this process. */
  inProcessWorkers: boolean;
  env?: Record<string, string>;
  now?: () => Date;
  settings?: Record<string, unknown>;
  /** Mail already in the inbox before the account is connected. */
  before?: (emulator: GoogleEmulator) => Promise<void>;
}

/**
 * The real service on a real port, with its own Redis (AOF on, so it can be restarted), the
 * Google emulator standing in for Gmail, one connected account with sending on and grace period 0.
 */
export async function startDrillService(opts: DrillServiceOptions): Promise<DrillService> {
  const stack: Array<() => Promise<void> | void> = [];
  const stop = async () => {
    for (const s of stack.reverse()) await s();
  };
  try {
    const redis = await startOwnRedis();
    stack.push(() => redis.stop());
    const emulator = await startGoogleEmulator({ now: opts.now, clientId: GOOGLE_CLIENT.id, clientSecret: GOOGLE_CLIENT.secret, userAddress: ME });
    stack.push(() => emulator.close());
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      REDIS_URL: redis.url,
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'silent',
      POLL_INTERVAL_SECONDS: '2',
      JOB_LOCK_SECONDS: '3',
      ...googleEnvFor(emulator, GOOGLE_CLIENT),
      ...opts.env,
    };
    const runtime = await testRuntime({ engine: opts.engine, env, now: opts.now });
    stack.push(() => runtime.close());
    const app = await buildServer(runtime);
    await app.listen({ host: '127.0.0.1', port });
    stack.push(() => app.close());
    if (opts.inProcessWorkers) {
      const workers: RunningWorkers = startWorkers(runtime, buildProcessors(runtime.pipeline));
      stack.push(() => workers.close(2_000));
      await upsertServiceSchedules(runtime.pipeline, runtime.config.pollIntervalSeconds);
    }
    const workerEnv = {
      ...env,
      DATABASE_URL: runtime.database.url ?? '',
      QUEUE_PREFIX: runtime.config.queuePrefix,
      TOKEN_ENCRYPTION_KEY: runtime.config.tokenKeys.current.toString('base64'),
      SESSION_SECRET: runtime.config.sessionSecret.toString('base64'),
    };

    const { auth } = await userWithToken(runtime.database.db, ME);
    const json = { ...auth, 'content-type': 'application/json' };
    const settings = { timeZone: 'Europe/Tirane', week: NEVER_WORKING, holidays: { enabled: false }, gracePeriodMinutes: 0, ...opts.settings };
    const put = await fetch(`${baseUrl}/api/settings`, { method: 'PUT', headers: json, body: JSON.stringify(settings) });
    if (put.status !== 200) throw new Error(`settings refused (${put.status}): ${await put.text()}`);
    await opts.before?.(emulator);
    const accountId = await connectGoogle({ baseUrl, auth, emulator } as unknown as GoogleService);
    const on = await fetch(`${baseUrl}/api/accounts/${accountId}/sending`, { method: 'PUT', headers: json, body: JSON.stringify({ sending: true }) });
    if (on.status !== 200) throw new Error(`could not turn sending on (${on.status})`);

    const pushUrl = `${baseUrl}/webhooks/google/pubsub`;
    return {
      emulator, runtime, app, baseUrl, auth, workerEnv, redis, accountId, stop,
      push: () => emulator.control.push(pushUrl, { emailAddress: ME, historyId: '1' }, { audience: pushUrl }).catch(() => 0),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The Message-ID each reply answers (In-Reply-To), counted: more than one is a duplicate. */
export function repliesPerMessage(sent: Array<{ raw: string }>): Map<string, number> {
  const per = new Map<string, number>();
  for (const s of sent) {
    const id = /^In-Reply-To: (.*)$/m.exec(s.raw)?.[1]?.trim() ?? '?';
    per.set(id, (per.get(id) ?? 0) + 1);
  }
  return per;
}

export async function accountStatus(s: DrillService): Promise<string> {
  const res = await fetch(`${s.baseUrl}/api/accounts/${s.accountId}`, { headers: s.auth });
  return ((await res.json()) as { account: { status: string } }).account.status;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value, or gives up after `ms` and returns undefined. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) return undefined;
    await sleep(50);
  }
}
