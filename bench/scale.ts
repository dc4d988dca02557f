import pg from 'pg';
import type { MessageMeta } from '../src/domain/message.js';
import { scheduleDigest } from '../src/pipeline/digest-schedule.js';
import { requestMailSync } from '../src/pipeline/sync-mailbox.js';
import type { Runtime } from '../src/runtime.js';
import { saveConnectedAccount, setSending } from '../src/storage/accounts.js';
import { putSettings } from '../src/storage/settings-store.js';
import { createUser } from '../src/storage/users.js';
import { startWorkers } from '../workers/main.js';
import { inLanes } from '../src/pipeline/related-groups.js';
import { buildProcessors } from '../workers/processors/index.js';
import { postgresAvailable } from '../dev/support/postgres.js';
import { queuesIdle } from '../dev/support/idle.js';
import { startOwnRedis } from '../dev/support/processes.js';
import { testRuntime } from '../dev/support/runtime.js';
import { machine, type BenchResult } from './machine.js';
import { saveResults } from './save.js';
import { SimulatedMailboxes } from './simulated-mailbox.js';
import { rng } from './seeded-random.js';

const ZONES = ['Europe/Tirane', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'America/Sao_Paulo'];
const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const WEEK = { mon: NINE_TO_FIVE, tue: NINE_TO_FIVE, wed: NINE_TO_FIVE, thu: NINE_TO_FIVE, fri: NINE_TO_FIVE, sat: [], sun: [] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A day's mail in proportion: people, newsletters, notifications, auto-replies (as bench/decide.ts). */
function mixedMessage(random: () => number, to: string): Omit<MessageMeta, 'provider' | 'providerMessageId' | 'threadId' | 'messageId'> {
  const r = random();
  const n = Math.floor(random() * 1e9);
  const base = { to: [{ address: to }], cc: [], bcc: [], replyTo: [], dateHeader: null, receivedAt: new Date(Date.now() - random() * 300_000).toISOString(), labels: ['inbox'] };
  if (r < 0.65) return { ...base, from: { name: `Client ${n}`, address: `c${n}@client${n % 97}.example` }, subject: `Question ${n}`, headers: {} };
  if (r < 0.8) return { ...base, from: { address: `news@list${n % 13}.example` }, subject: 'This week', headers: { 'list-id': `<weekly.list${n % 13}.example>`, 'list-unsubscribe': '<mailto:u@x.example>' } };
  if (r < 0.9) return { ...base, from: { address: `noreply@service${n % 11}.example` }, subject: 'Your receipt', headers: {} };
  return { ...base, from: { address: `c${n}@client${n % 97}.example` }, subject: 'Out of office', headers: { 'auto-submitted': 'auto-replied' } };
}

async function usedMemory(runtime: Runtime): Promise<number> {
  const info = await runtime.redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

/** Where Redis memory goes: MEMORY USAGE summed by key shape (ids replaced by *). */
async function memoryByKey(runtime: Runtime): Promise<string[]> {
  const totals = new Map<string, { bytes: number; keys: number }>();
  let cursor = '0';
  do {
    const [next, keys] = await runtime.redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const shape = key.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '*').replace(/:\d+$/, ':n').replace(/\{[^}]+\}/, '{p}');
      const t = totals.get(shape) ?? { bytes: 0, keys: 0 };
      t.bytes += Number(await runtime.redis.memory('USAGE', key)) || 0;
      t.keys += 1;
      totals.set(shape, t);
    }
  } while (cursor !== '0');
  return [...totals].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 6).map(([k, t]) => `${k} ${t.keys}× ${Math.round(t.bytes / t.keys)} B`);
}

async function databaseSize(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('checkpoint').catch(() => {}); // flush, so the size on disk is current
    return Number((await c.query<{ size: string }>('select pg_database_size(current_database()) as size')).rows[0]!.size);
  } finally {
    await c.end();
  }
}

/** Runs `work` over 0..n-1 with `lanes` in flight. */
const inIndexLanes = (n: number, lanes: number, work: (i: number) => Promise<void>) => inLanes(Array.from({ length: n }, (_, i) => i), lanes, work);

/**
 * 10,000 mailboxes (user, settings with a schedule, connected account with a watch, sending on,
 * daily digest at 08:00 local, one shared scheduler per zone and time) on PostgreSQL and a Redis of their own; simulated in-memory mailboxes
 * stand in for Gmail. Then a compressed day of mixed mail, then a burst at 500 messages/s.
 */
export async function scale(opts: { mailboxes?: number; dayMessages?: number; burstSeconds?: number } = {}): Promise<BenchResult[]> {
  if (!(await postgresAvailable())) throw new Error('the scale bench needs PostgreSQL at 127.0.0.1:5432');
  const N = opts.mailboxes ?? Number(process.env.SCALE_MAILBOXES ?? 10_000);
  const dayMessages = opts.dayMessages ?? N * 2;
  const burstSeconds = opts.burstSeconds ?? 10;
  const say = (s: string) => process.stderr.write(`  scale: ${s}\n`);
  const random = rng(20261124);
  const boxes = new SimulatedMailboxes();
  const redis = await startOwnRedis();
  const runtime = await testRuntime({ engine: 'postgres', env: { REDIS_URL: redis.url, LOG_LEVEL: 'silent' }, providers: async (a) => boxes.provider(a.address) });
  try {
    const db = runtime.database.db;
    const addresses: string[] = [];
    const accountIds: string[] = [];
    await runtime.producer.queue('sync').waitUntilReady();
    const redisBefore = await usedMemory(runtime);
    const t0 = Date.now();
    await inIndexLanes(N, 16, async (i) => {
      const address = `freelancer${i}@mailbox.example`;
      const user = await createUser(db, { email: address });
      const { settings } = await putSettings(db, user.id, { timeZone: ZONES[i % ZONES.length], week: WEEK, gracePeriodMinutes: 0, holidays: { enabled: false } }, new Date());
      const account = await saveConnectedAccount(db, {
        userId: user.id, provider: 'google', address, aliases: [], sealedTokens: 'simulated', mailCursor: '0', calendarCursor: '0',
        watch: { id: `sim-${address}`, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }, calendarWatch: null, baselineAt: new Date(Date.now() - 86_400_000),
      });
      await setSending(db, user.id, account.id, true);
      await scheduleDigest(runtime.pipeline, settings);
      addresses[i] = address;
      accountIds[i] = account.id;
      if (i % 2000 === 1999) say(`${i + 1}/${N} mailboxes set up`);
    });
    say(`${N} mailboxes in ${Math.round((Date.now() - t0) / 1000)} s`);

    const workers = startWorkers(runtime, buildProcessors(runtime.pipeline));
    try {
      // Every mailbox syncs once (the per-account keys exist from then on), then Redis is measured.
      await inIndexLanes(N, 16, async (i) => void (await requestMailSync(runtime.pipeline, accountIds[i]!, 'bench')));
      await queuesIdle(runtime, 50);
      const redisPerMailbox = ((await usedMemory(runtime)) - redisBefore) / N;
      say(`Redis ${Math.round(redisPerMailbox)} bytes per mailbox; by key: ${(await memoryByKey(runtime)).join(', ')}`);

      const dbUrl = runtime.database.url ?? '';
      const pgBefore = await databaseSize(dbUrl);
      const cpuBefore = process.cpuUsage();
      const deliverAndSync = async (i: number) => {
        const k = Math.floor(random() * N);
        boxes.deliver(addresses[k]!, mixedMessage(random, addresses[k]!));
        await requestMailSync(runtime.pipeline, accountIds[k]!, 'push');
      };
      await inIndexLanes(dayMessages, 8, deliverAndSync);
      await queuesIdle(runtime, 50);
      const cpu = process.cpuUsage(cpuBefore);
      const cpuPerThousand = (cpu.user + cpu.system) / 1e6 / (dayMessages / 1000);
      const pgPerThousand = ((await databaseSize(dbUrl)) - pgBefore) / (dayMessages / 1000);
      say(`day of ${dayMessages} messages: ${cpuPerThousand.toFixed(2)} CPU-s per 1,000, ${boxes.sent} replies sent so far`);

      // The burst: 500 messages a second for burstSeconds, then until every queue is empty.
      const burst = 500 * burstSeconds;
      const burstStart = Date.now();
      for (let i = 0; i < burst; i++) {
        const due = burstStart + (i * 1000) / 500;
        if (due > Date.now()) await sleep(due - Date.now());
        void deliverAndSync(i);
      }
      const burstEnd = Date.now();
      await queuesIdle(runtime, 50);
      const drained = Date.now();
      say(`burst of ${burst} sent in ${((burstEnd - burstStart) / 1000).toFixed(1)} s, drained ${((drained - burstEnd) / 1000).toFixed(1)} s after`);

      const m = machine();
      const how = `${N.toLocaleString('en')} mailboxes (user, settings with a 9–17 schedule in one of ${ZONES.length} zones, connected account with a watch, sending on, daily digest at 08:00 local, one shared scheduler per zone and time) on PostgreSQL at 127.0.0.1 and a Redis of their own (AOF on). In-memory simulated mailboxes replace Gmail, so figures are Boundary's own cost. One Node process runs the BullMQ workers (concurrency 4 per queue) and the load. Mix: 65% people, 15% newsletters, 10% noreply, 10% auto-replies, to random mailboxes.`;
      return saveResults('scale.json', [
        { name: 'Scale: worker CPU-seconds per 1,000 messages', value: Math.round(cpuPerThousand * 100) / 100, unit: 'CPU-s', method: `${how} A compressed day: ${dayMessages.toLocaleString('en')} messages delivered with a push each, 8 at a time, until the queues are empty; process.cpuUsage (user+system) of the worker process over that span (includes the simulated mailboxes and the pushes).`, machine: m },
        { name: 'Scale: Redis memory per mailbox', value: Math.round(redisPerMailbox), unit: 'bytes', goal: '≤ 2,048', method: `${how} INFO memory used_memory before any mailbox, then after every mailbox was set up and synced once and the queues were empty, divided by ${N.toLocaleString('en')}.`, machine: m },
        { name: 'Scale: PostgreSQL growth per 1,000 messages', value: Math.round(pgPerThousand / 1024), unit: 'KiB', method: `${how} pg_database_size after a CHECKPOINT, before and after the compressed day, per 1,000 messages (message metadata, decisions, replies, activity).`, machine: m },
        { name: 'Scale: burst of 500 messages/s drained', value: Math.round((drained - burstStart) / 100) / 10, unit: 's', method: `${how} ${burst.toLocaleString('en')} messages at 500/s for ${burstSeconds} s (arrival took ${((burstEnd - burstStart) / 1000).toFixed(1)} s); time from the first message until the sync and send queues were empty (${((drained - burstEnd) / 1000).toFixed(1)} s after the last arrived).`, machine: m },
      ]);
    } finally {
      await workers.close(5_000);
    }
  } finally {
    await runtime.close();
    redis.stop();
  }
}

if (process.argv[1]?.endsWith('scale.ts')) {
  const at = process.argv.indexOf('--mailboxes');
  for (const r of await scale(at > 0 ? { mailboxes: Number(process.argv[at + 1]) } : {})) process.stdout.write(`${r.name}: ${r.value} ${r.unit}\n`);
  process.exit(0);
}
