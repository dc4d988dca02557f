import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueUnavailableError } from '../../src/jobs/producer.js';
import type { Runtime } from '../../src/runtime.js';
import { buildServer } from '../../src/server.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';

// This suite owns its Redis so it can stop and restart it.
const hasRedisServer = await new Promise<boolean>((resolve) => {
  const p = spawn('redis-server', ['--version']);
  p.once('error', () => resolve(false));
  p.once('exit', (code) => resolve(code === 0));
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

describe.skipIf(!hasRedisServer)('readiness follows Redis', () => {
  let port: number;
  let redis: ChildProcess | undefined;
  let runtime: Runtime;
  let app: FastifyInstance;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'boundary-ready-'));

  const startRedis = async () => {
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir], { stdio: 'ignore' });
    await waitFor(async () => (await fetchReady()).status !== 0);
  };
  const fetchReady = () => new Promise<{ status: number }>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve({ status: 1 }); });
    s.once('error', () => resolve({ status: 0 }));
  });

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    runtime = await testRuntime({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    app = await buildServer(runtime);
    await waitFor(async () => runtime.redis.status === 'ready');
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    redis?.kill('SIGKILL');
  });

  it('is ready when Redis and the database answer', async () => {
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', components: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('answers 503 naming Redis when it stops, producers fail fast, and recovers without a restart', async () => {
    redis!.kill('SIGKILL');
    await waitFor(async () => (await app.inject('/readyz')).statusCode === 503);
    const down = (await app.inject('/readyz')).json();
    expect(down.down).toEqual(['redis']);
    expect(down.components.database.status).toBe('up');
    expect(down.components.redis.reason).toMatch(/redis/i);

    const started = Date.now();
    await expect(runtime.producer.add('sync-mailbox', { accountId: 'a1', reason: 'test' }, { jobId: 'sync-mailbox-a1' })).rejects.toBeInstanceOf(QueueUnavailableError);
    expect(Date.now() - started).toBeLessThan(1_000);
    // Attempts that must be counted (IMAP discovery) are refused in words, not answered 500.
    const { auth } = await userWithToken(runtime.database.db, 'counted@example.test');
    const discover = await app.inject({ url: '/api/accounts/imap/discover?address=someone@fastmail.com', headers: auth });
    expect(discover.statusCode, discover.body).toBe(503);
    expect(discover.json().message).toContain('try again shortly');

    await startRedis();
    await waitFor(async () => (await app.inject('/readyz')).statusCode === 200, 15_000);
  });
});
