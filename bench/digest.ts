import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { calibrate } from './calibration.js';
import path from 'node:path';
import { sql } from 'kysely';
import { composeDigest } from '../src/pipeline/digest-build.js';
import { openDatabase } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { insertClient, putSettings } from '../src/storage/settings-store.js';
import { createUser } from '../src/storage/users.js';
import { createTestDatabase } from '../dev/support/postgres.js';
import { machine } from './machine.js';
import { rng } from './seeded-random.js';

/**
 * Digest build time (every query + model + both renderings) for one user with 50,000 stored message
 * records on PostgreSQL, a year of mail over two accounts, plus a decision for every incoming message.
 * `npx tsx bench/digest.ts`; writes bench/results/digest.json. Needs PostgreSQL (TEST_POSTGRES_URL).
 */

const MESSAGES = 50_000;
const CLIENTS = 40;
const DAYS = 365;
const RUNS = 40;
const NOW = new Date('2026-11-24T07:00:00Z');

const here = path.dirname(new URL(import.meta.url).pathname);
const { url, drop } = await createTestDatabase();
const handle = await openDatabase({ url });
const db = handle.db;
try {
  await migrateToLatest(db);
  const random = rng(20261124);
  const hours = [{ start: '09:00', end: '17:00' }];
  const user = await createUser(db, { email: 'bench@studio.al', name: 'Bench User' });
  await putSettings(db, user.id, { timeZone: 'Europe/Tirane', week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] }, holidays: { country: 'AL' }, clientMode: 'listed' }, NOW);
  for (let c = 0; c < CLIENTS; c++) await insertClient(db, user.id, { name: `Client ${c}`, addresses: [], domains: [`client${c}.com`], vip: c === 0, autoReply: true }, NOW);
  const accounts = [randomUUID(), randomUUID()];
  for (const [i, id] of accounts.entries()) {
    await db.insertInto('accounts').values({ id, user_id: user.id, provider: i ? 'microsoft' : 'google', address: `bench${i}@studio.al`, tokens: 'x', status: 'active', sending: true, last_synced_at: NOW }).execute();
  }
  let rows: Array<Record<string, unknown>> = [];
  const flush = async (table: 'messages' | 'decisions') => {
    if (rows.length) await db.insertInto(table).values(rows as never).execute();
    rows = [];
  };
  for (let i = 0; i < MESSAGES; i++) {
    const at = new Date(NOW.getTime() - random() * DAYS * 86_400_000);
    const inbound = random() < 0.7;
    const client = `someone@client${Math.floor(random() * CLIENTS)}.com`;
    rows.push({ account_id: accounts[i % 2], provider_message_id: `m${i}`, thread_id: `t${i % 9000}`, message_id: `<m${i}@bench>`, direction: inbound ? 'in' : 'out', from_address: inbound ? client : 'bench0@studio.al', recipients: JSON.stringify(inbound ? ['bench0@studio.al'] : [client]), subject: `Subject ${i}`, received_at: at, automated: random() < 0.1 });
    if (rows.length === 1000) await flush('messages');
  }
  await flush('messages');
  const inbound = await db.selectFrom('messages').select(['account_id', 'provider_message_id', 'thread_id', 'from_address', 'received_at']).where('direction', '=', 'in').execute();
  for (const m of inbound) {
    const day = m.received_at.getUTCDay();
    const hour = (m.received_at.getUTCHours() + 1) % 24;
    const category = day === 0 || day === 6 ? 'weekend' : hour < 9 || hour >= 17 ? 'after-hours' : 'within-hours';
    rows.push({ account_id: m.account_id, provider_message_id: m.provider_message_id, thread_id: m.thread_id, sender: m.from_address, client_id: null, action: category === 'within-hours' ? 'none' : 'auto-reply', category, reasons: JSON.stringify([{ code: category, message: category }]), meta: JSON.stringify({ subject: 'Hello', messageId: `<${m.provider_message_id}@bench>`, from: { address: m.from_address } }), received_at: m.received_at, decided_at: m.received_at });
    if (rows.length === 1000) await flush('decisions');
  }
  await flush('decisions');
  await sql`analyze`.execute(db);

  const { buildFollowUpReport } = await import('../src/pipeline/follow-up-report.js');
  const emptyFollowUps = async () => ({ generatedAt: NOW.toISOString(), awaitingClients: [], quietClients: [], reappearances: [], unansweredByUser: [], expectations: [], suggestionsPending: 0 });
  /** Median/p95 over timed runs, after warm-up runs (JIT, connection pool, PostgreSQL caches). */
  async function measure(run: () => Promise<unknown>, runs: number) {
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const t0 = performance.now();
      await run();
      if (i >= 3) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 10) / 10;
    return { median: q(0.5), p95: q(0.95), min: q(0), max: q(1), runs };
  }
  const digest = await composeDigest(db, user.id, '2026-11-24', NOW);
  const whole = await measure(() => composeDigest(db, user.id, '2026-11-24', NOW), 10);
  // Monday is the weekly day: it adds the problem-client lines, which weigh twelve weeks of mail.
  const MONDAY = new Date(NOW.getTime() - 86_400_000);
  const weeklyDay = await measure(() => composeDigest(db, user.id, '2026-11-23', MONDAY), 10);
  const digestOnly = await measure(() => composeDigest(db, user.id, '2026-11-24', NOW, emptyFollowUps), RUNS);
  const { effectiveSettings } = await import('../src/storage/settings-store.js');
  const followUps = await measure(async () => buildFollowUpReport(db, user.id, NOW, await effectiveSettings(db, user.id)), 10);
  // What every new message and every pass asks of this large mailbox (issue 19: each read all of it).
  const { correspondence } = await import('../src/storage/signals.js');
  const { accountForMailPass } = await import('../src/storage/settings-store.js');
  await db.updateTable('accounts').set({ last_synced_at: new Date(NOW.getTime() - 60_000) }).execute();
  let sender = 0;
  const historyWithSender = await measure(() => correspondence(db, accounts[0]!, `someone@client${sender++ % CLIENTS}.com`, NOW.toISOString()), RUNS);
  const passStart = await measure(() => accountForMailPass(db, accounts[0]!), RUNS);
  const result = {
    calibration: calibrate(),
    benchmark: 'composeDigest',
    date: new Date().toISOString(),
    // With the load average: other work on a small machine moves these figures a lot.
    machine: machine(),
    method: `PostgreSQL, ${MESSAGES.toLocaleString('en')} message records (70% incoming, 10% automated) over ${DAYS} days and two accounts, ${CLIENTS} listed clients, a decision row per incoming message (${inbound.length}). digestOwnPart: every digest query + model + text and HTML rendering, with the follow-up report stubbed out; followUpReport: buildFollowUpReport (silence/expectations, another module) alone; whole: composeDigest as the worker runs it, on a Tuesday; weeklyDay: the same on the Monday before, the day the problem-client lines come (they weigh twelve weeks of mail; other days read the two months the follow-up report needs). historyWithSender: the earlier mail with one sender that every inbound message reads (correspondence), on one account of 25,000 messages; passStart: the account, its settings and the messages decided since the last pass, read at the start of every sync pass. 3 warm-up runs each. The synthetic mail has random threads, which makes the follow-up lists huge (see followUpItems).`,
    digest: { afterHoursMessages: digest.model.afterHours.total, heatmapMessages: digest.model.heatmap.total, followUpItems: digest.model.followUpCounts, htmlBytes: digest.html.length, modelBytes: JSON.stringify(digest.model).length },
    ms: { digestOwnPart: digestOnly, followUpReport: followUps, whole, weeklyDay, historyWithSender, passStart },
    goalMs: 50,
  };
  mkdirSync(path.join(here, 'results'), { recursive: true });
  writeFileSync(path.join(here, 'results', 'digest.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await handle.close();
  await drop();
}
