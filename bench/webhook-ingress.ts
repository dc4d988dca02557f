import { spawn } from 'node:child_process';
import path from 'node:path';
import { syncGenerationKey } from '../src/pipeline/sync-mailbox.js';
import { ME, startDrillService } from '../drills/service.js';
import { postgresAvailable } from '../dev/support/postgres.js';
import { machine, type BenchResult } from './machine.js';
import { saveResults } from './save.js';

const CONNECTIONS = 32;
const SECONDS = 15;
const PUSH_BOUND = 100_000_000;

interface Autocannon {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** autocannon in its own process, so the load generator does not share the server's event loop. */
function autocannon(args: string[]): Promise<Autocannon> {
  const bin = path.join(import.meta.dirname, '../node_modules/.bin/autocannon');
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--json', ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Autocannon) : reject(new Error(`autocannon exited ${code}`))));
  });
}

/**
 * POST /webhooks/google/pubsub with a valid Pub/Sub OIDC JWT (RS256, signed by the Google
 * emulator, verified against its certs URL) for a connected mailbox, driven by autocannon.
 * Lost notifications = 2xx answers minus increments of the account's sync-generation counter
 * (requestMailSync bumps it once per accepted push before enqueueing the collapsed sync job).
 */
export async function webhookIngress(): Promise<BenchResult[]> {
  const engine = (await postgresAvailable()) ? 'postgres' : 'pglite';
  // No workers: only the ingress path is measured; the pending sync job collapses all pushes.
  // The per-mailbox push bound is lifted: all the load is one mailbox's, and a bench of 429s
  // would measure the refusal, not the ingress path.
  const s = await startDrillService({ engine, inProcessWorkers: false, env: { POLL_INTERVAL_SECONDS: '3600', WEBHOOKS_PER_MAILBOX_PER_MINUTE: String(PUSH_BOUND) } });
  try {
    const url = `${s.baseUrl}/webhooks/google/pubsub`;
    const body = JSON.stringify({ message: { data: Buffer.from(JSON.stringify({ emailAddress: ME, historyId: '12345' })).toString('base64url'), messageId: '1' }, subscription: 'projects/boundary-test/subscriptions/gmail-push' });
    const jwt = s.emulator.control.pushJwt(url);
    const counter = syncGenerationKey(s.runtime.config.queuePrefix, s.accountId);
    const args = ['-m', 'POST', '-H', 'content-type=application/json', '-H', `authorization=Bearer ${jwt}`, '-b', body];
    await autocannon([...args, '-c', '4', '-d', '2', url]); // warm-up: JIT, pools, the cached certs
    await new Promise((res) => setTimeout(res, 500));
    const before = Number((await s.runtime.redis.get(counter)) ?? 0);
    const r = await autocannon([...args, '-c', String(CONNECTIONS), '-d', String(SECONDS), url]);
    await new Promise((res) => setTimeout(res, 1_000)); // requests still in flight when autocannon stopped
    const accepted = r['2xx'];
    if (r.non2xx > 0 || r.errors > 0) throw new Error(`webhook ingress: ${r.non2xx} of ${r.requests.total} answers were not 2xx and ${r.errors} failed; the figure would measure refusals`);
    const counted = Number((await s.runtime.redis.get(counter)) ?? 0) - before;
    // autocannon stops counting at the deadline while the server finishes what is in flight, so
    // counted may exceed accepted by up to CONNECTIONS; a shortfall is a lost notification.
    const lost = Math.max(0, accepted - counted);
    const m = machine();
    const method = `autocannon ${CONNECTIONS} connections for ${SECONDS} s (after a 2 s warm-up) against the API on loopback (one Node process, ${engine === 'postgres' ? 'PostgreSQL at 127.0.0.1' : 'PGlite'}, own Redis, no workers), all on the same ${m.cores}-core machine. Each request carries one valid Pub/Sub OIDC JWT (RS256, verified against the emulator's certs URL) for a connected Gmail address, the per-mailbox push bound lifted (all the load is one mailbox's); the same token is reused, as Pub/Sub reuses its tokens until they expire, so after the first request it skips the per-address count. ${r.requests.total} requests, ${accepted} answered 2xx, ${r.non2xx} non-2xx, ${r.errors} errors; lost = 2xx answers not matched by a sync-generation increment (requestMailSync).`;
    return saveResults('webhook-ingress.json', [
      { name: 'Webhook ingress requests per second (Gmail push)', value: Math.round(r.requests.average), unit: 'req/s', goal: '≥ 5,000', method, machine: m },
      { name: 'Webhook ingress p99 latency', value: r.latency.p99, unit: 'ms', goal: '≤ 15', method, machine: m },
      { name: 'Webhook ingress lost notifications', value: lost, unit: 'notifications', goal: '0', method, machine: m },
    ]);
  } finally {
    await s.stop();
  }
}

if (process.argv[1]?.endsWith('webhook-ingress.ts')) {
  const results = await webhookIngress();
  for (const r of results) process.stdout.write(`${r.name}: ${r.value} ${r.unit}\n`);
  process.stdout.write(`${results[0]?.method}\n`);
  process.exit(0);
}
