import type { FastifyInstance } from 'fastify';
import type { ProviderKind } from '../../src/domain/message.js';
import { startWorkers, type RunningWorkers } from '../../workers/main.js';
import { buildProcessors } from '../../workers/processors/index.js';
import { alertDelivery } from '../../src/pipeline/alerts/delivery.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';

/** The service on a real port with its workers in-process, as `npm start` runs it. */
export async function serveWithWorkers(runtime: Runtime, port: number): Promise<{ app: FastifyInstance; workers: RunningWorkers; close: () => Promise<void> }> {
  const app = await buildServer(runtime);
  await app.listen({ host: '127.0.0.1', port });
  const workers = startWorkers(runtime, buildProcessors(runtime.pipeline, undefined, alertDelivery(runtime.config)));
  return {
    app,
    workers,
    async close() {
      await step('HTTP server', () => app.close());
      await step('workers', () => workers.close(5_000));
      await step('runtime', () => runtime.close());
    },
  };
}

/**
 * One shutdown step, bounded like `npm start`'s forced exit. A step that overruns is named on
 * stderr and left behind, so a slow teardown on a loaded machine says where it stuck instead of
 * failing the suite's afterAll with a bare hook timeout.
 */
export async function step(name: string, run: () => Promise<unknown>, ms = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const overran = new Promise<'overran'>((r) => { timer = setTimeout(() => r('overran'), ms); timer.unref(); });
  const outcome = await Promise.race([run().then(() => 'done' as const), overran]);
  clearTimeout(timer);
  if (outcome === 'overran') process.stderr.write(`teardown: ${name} did not close within ${ms} ms; moving on\n`);
}

/** The OAuth dance the way a browser does it: our redirect, the emulator's consent, our callback. */
export async function connectThroughConsent(baseUrl: string, auth: { authorization: string }, provider: ProviderKind): Promise<string> {
  const start = await fetch(`${baseUrl}/connect/${provider}?format=json`, { headers: auth });
  const started = (await start.json()) as { authorizationUrl?: string; message?: string };
  if (!started.authorizationUrl) throw new Error(`connect start failed: ${started.message}`);
  const consent = await fetch(started.authorizationUrl, { redirect: 'manual' });
  const callback = consent.headers.get('location');
  if (!callback) throw new Error(`emulator consent did not redirect (${consent.status})`);
  // Back in the same "browser": the state cookie from the start, signed in as the same user.
  const done = await fetch(callback, { headers: { accept: 'application/json', ...auth, cookie: stateCookie(start) } });
  const body = (await done.json()) as { account?: { id: string }; message?: string };
  if (!body.account) throw new Error(`connect failed: ${body.message}`);
  return body.account.id;
}

/** The OAuth state cookie a start response set, as a Cookie header value. */
export function stateCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('boundary_oauth='));
  if (!set) throw new Error('the OAuth start set no state cookie');
  return set.split(';')[0]!;
}
