import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/storage/db.js';
import { freePort } from '../../dev/support/google-service.js';
import { postgresAvailable } from '../../dev/support/postgres.js';
import { spawnWorker, waitForPort } from '../../dev/support/processes.js';
import { testDatabase } from '../../dev/support/runtime.js';

const hasPostgres = await postgresAvailable();

/** `boundary worker` on its own: its counters are scraped from its own port, not the API's. */
describe.skipIf(!hasPostgres)('a worker-only process', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await testDatabase('postgres');
  });
  afterAll(async () => database?.close());

  it('serves /metrics and /healthz on WORKER_METRICS_PORT, and stops cleanly', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const worker = spawnWorker({
      DATABASE_URL: database.url!,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `{t${randomBytes(5).toString('hex')}}`,
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SESSION_SECRET: randomBytes(32).toString('base64'),
      WORKER_METRICS_PORT: String(port),
      LOG_LEVEL: 'silent',
    });
    try {
      await waitForPort(port, 30_000);
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('# TYPE boundary_replies_total counter');
      expect(text).toContain('boundary_process_cpu_seconds_total');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/api/settings`)).status).toBe(404); // nothing else
    } finally {
      worker.kill('SIGTERM');
    }
    const [code] = await once(worker, 'exit');
    expect(code).toBe(0);
  });
});
