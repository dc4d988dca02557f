import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server.js';
import { connectGoogle, startGoogleService, until, type GoogleService } from '../../dev/support/google-service.js';
import { testRuntime } from '../../dev/support/runtime.js';
import { userWithToken } from '../../dev/support/users.js';

// Saturday 21 November 2026, 21:00 in Tirana: a weekend evening (not a public holiday).
let clock = new Date('2026-11-21T20:00:00Z');
const now = () => clock;
const ME = 'elira@hoxha.studio';
const DAY = [{ start: '09:00', end: '17:00' }];
const settings = { timeZone: 'Europe/Tirane', name: 'Elira', week: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY, sat: [], sun: [] }, clientMode: 'external', gracePeriodMinutes: 0 };

/** The value of one sample in Prometheus text format, or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v) && Object.keys(have).length === Object.keys(labels).length) return Number(m[3]);
  }
  return undefined;
}

describe('/metrics', () => {
  let s: GoogleService;
  let accountId: string;
  const scrape = async () => {
    const res = await fetch(`${s.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  // A sync job, as a push notification or the polling timer would queue it.
  const sync = () => s.runtime.producer.add('sync-mailbox', { accountId, reason: 'test' }, { jobId: `sync-mailbox-${accountId}` });
  const put = (path: string, body: unknown) => fetch(`${s.baseUrl}${path}`, { method: 'PUT', headers: { ...s.auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    s = await startGoogleService({ now });
    expect((await put('/api/settings', settings)).status).toBe(200);
    accountId = await connectGoogle(s);
    expect((await put(`/api/accounts/${accountId}/sending`, { sending: true })).status).toBe(200);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('starts with nothing counted, and reports every queue and the connected account', async () => {
    const text = await scrape();
    expect(sample(text, 'boundary_messages_seen_total', { direction: 'in' })).toBeUndefined();
    for (const queue of ['sync', 'send', 'schedule']) expect(sample(text, 'boundary_queue_jobs', { queue, state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'boundary_accounts', { status: 'active' })).toBe(1);
    expect(text).toMatch(/^boundary_process_cpu_seconds_total/m);
  });

  it('counts messages seen, decisions by category and action, and replies by outcome', async () => {
    await s.emulator.control.injectMessage({ from: 'Tomás <tomas@acme.example>', to: [ME], subject: 'Tonight?', headers: { 'Message-ID': '<m-1@acme.example>' } });
    await s.emulator.control.injectMessage({ from: 'Design Weekly <news@designweekly.example>', to: [ME], subject: 'News', headers: { 'List-Unsubscribe': '<mailto:u@designweekly.example>', Precedence: 'bulk' } });
    await sync();
    await until(async () => (await s.emulator.control.sent()).length === 1);
    const text = await until(async () => {
      const t = await scrape();
      return sample(t, 'boundary_replies_total', { state: 'sent' }) === 1 && t;
    });
    expect(sample(text, 'boundary_messages_seen_total', { direction: 'in' })).toBe(2);
    expect(sample(text, 'boundary_decisions_total', { category: 'weekend', action: 'auto-reply' })).toBe(1);
    expect(sample(text, 'boundary_decisions_total', { category: 'weekend', action: 'none' })).toBe(1);
    expect(sample(text, 'boundary_replies_total', { state: 'queued' })).toBe(1);
    expect(sample(text, 'boundary_replies_total', { state: 'cancelled' })).toBeUndefined();
  });

  it('reports sync lag from the accounts table, on the injected clock', async () => {
    const synced = await s.runtime.database.db.selectFrom('accounts').select('last_synced_at').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(synced.last_synced_at).not.toBeNull();
    clock = new Date(synced.last_synced_at!.getTime() + 600_000);
    expect(sample(await scrape(), 'boundary_sync_lag_seconds')).toBe(600);
    clock = new Date('2026-11-21T20:00:00Z');
  });

  it('counts provider errors by kind', async () => {
    await s.emulator.control.fault({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 1 });
    await s.emulator.control.injectMessage({ from: 'Tomás <tomas@acme.example>', to: [ME], subject: 'Still there?' });
    await sync();
    const text = await until(async () => {
      const t = await scrape();
      return sample(t, 'boundary_provider_errors_total', { kind: 'rate_limited' }) === 1 && sample(t, 'boundary_messages_seen_total', { direction: 'in' }) === 3 && t;
    }, 20_000);
    expect(sample(text, 'boundary_provider_errors_total', { kind: 'transient' })).toBeUndefined();
  });
});

describe('/admin/queues', () => {
  it('shows the queue dashboard to listed admins only; everyone else gets 404', async () => {
    const runtime = await testRuntime({ env: { ADMIN_EMAILS: 'Ops@Boundary.example, second@boundary.example' } });
    const app = await buildServer(runtime);
    try {
      const admin = await userWithToken(runtime.database.db, 'ops@boundary.example');
      const other = await userWithToken(runtime.database.db, 'elira@hoxha.studio');
      const page = await app.inject({ url: '/admin/queues', headers: admin.auth });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const api = await app.inject({ url: '/admin/queues/api/queues', headers: admin.auth });
      expect(api.statusCode).toBe(200);
      expect((api.json() as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort()).toEqual(['schedule', 'send', 'sync']);
      for (const headers of [other.auth, {}, { authorization: 'Bearer not-a-token' }]) {
        for (const url of ['/admin/queues', '/admin/queues/api/queues']) {
          const res = await app.inject({ url, headers });
          expect(res.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(404);
        }
      }
      const retry = await app.inject({ method: 'PUT', url: '/admin/queues/api/queues/send/retry/failed', headers: other.auth });
      expect(retry.statusCode).toBe(404);
    } finally {
      await app.close();
      await runtime.close();
    }
  });

  it('does not exist at all when ADMIN_EMAILS is empty', async () => {
    const runtime = await testRuntime();
    const app = await buildServer(runtime);
    try {
      const { auth } = await userWithToken(runtime.database.db, 'ops@boundary.example');
      expect((await app.inject({ url: '/admin/queues', headers: auth })).statusCode).toBe(404);
    } finally {
      await app.close();
      await runtime.close();
    }
  });
});
