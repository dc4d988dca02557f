import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { connectImapAccount } from '../src/pipeline/imap-connect.js';
import type { OutgoingMail } from '../src/providers/types.js';
import { saveConnectedAccount, setSending } from '../src/storage/accounts.js';
import { putSettings } from '../src/storage/settings-store.js';
import { createUser } from '../src/storage/users.js';
import { startImapWatcher } from '../workers/imap-watch.js';
import { startWorkers } from '../workers/main.js';
import { buildProcessors } from '../workers/processors/index.js';
import { lateEveningSettings } from '../dev/support/after-hours.js';
import { mailServersMissing, startMailServers, type MailServers } from '../dev/support/mail-servers.js';
import { createTestDatabase, postgresAvailable } from '../dev/support/postgres.js';
import { testConfig, testEnv, testRuntime } from '../dev/support/runtime.js';
import { percentile } from './percentile.js';
import { machine, type BenchResult } from './machine.js';
import { saveResults } from './save.js';

const RATE = Number(process.env.IMAP_BENCH_RATE ?? 10); // messages per second
const SECONDS = Number(process.env.IMAP_BENCH_SECONDS ?? 20);
const MAILBOXES = Number(process.env.IMAP_BENCH_MAILBOXES ?? 1000);
/** Node flags for the watcher process, e.g. "--max-semi-space-size=1" (a smaller young generation). */
const WATCHER_NODE_FLAGS = (process.env.IMAP_BENCH_WATCHER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
/** The messages are spread over this many mailboxes (users), as a service's load is. */
const LATENCY_MAILBOXES = Number(process.env.IMAP_BENCH_LATENCY_MAILBOXES ?? 10);
const ENGINE_LABEL = { pglite: 'PGlite', postgres: 'PostgreSQL at 127.0.0.1' } as const;
/** How long after the last client message the replies are waited for. */
const REPLY_DEADLINE_MS = Number(process.env.IMAP_BENCH_DEADLINE_SECONDS ?? 120) * 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null | false | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`imap bench: timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Client message into Postfix (port 25) → LMTP into Dovecot → the watcher's IDLE → sync → decision
 * → send job (grace 0) → the reply accepted by Postfix's submission service. The clock starts when
 * Postfix accepted the client's message and stops when the reply's SMTP submission was accepted
 * (the `submitted` step), before its copy is filed in Sent.
 */
async function replyLatency(s: MailServers, engine: 'pglite' | 'postgres'): Promise<BenchResult[]> {
  const runtime = await testRuntime({ engine, env: { IMAP_EXTRA_CA: s.ca, IMAP_ALLOW_PRIVATE_HOSTS: 'true', POLL_INTERVAL_SECONDS: '3600' } });
  const submitted = new Map<string, number>();
  const factory = runtime.pipeline.providers;
  runtime.pipeline.providers = async (account) => {
    const provider = await factory(account);
    return Object.assign(Object.create(provider) as typeof provider, {
      send: (mail: OutgoingMail) => {
        const to = /^To: .*?([^<\s]+@[^>\s]+)/m.exec(mail.mime)?.[1] ?? '';
        const progress = mail.progress;
        return provider.send({ ...mail, ...(progress ? { progress: { get step() { return progress.step; }, record: async (step: Parameters<typeof progress.record>[0]) => { if (step === 'submitted') submitted.set(to, Date.now()); await progress.record(step); } } } : {}) });
      },
    });
  };
  const workers = startWorkers(runtime, buildProcessors(runtime.pipeline));
  const boxes: string[] = [];
  const watcher = startImapWatcher(runtime, { leaseMs: 30_000 });
  for (let b = 0; b < LATENCY_MAILBOXES; b++) {
    const me = `bench-${b}-${randomBytes(3).toString('hex')}@boundary.test`;
    const password = randomBytes(9).toString('base64url');
    await s.addUser(me, password);
    const user = await createUser(runtime.database.db, { email: me });
    await putSettings(runtime.database.db, user.id, lateEveningSettings(), new Date());
    const servers = { imap: { host: '127.0.0.1', port: s.imapPort, secure: true }, smtp: { host: '127.0.0.1', port: s.submissionPort, secure: true }, caldav: null };
    const account = await connectImapAccount(runtime.pipeline, runtime.config, { userId: user.id, address: me, password, servers });
    await setSending(runtime.database.db, user.id, account.id, true);
    await until('the watcher', async () => watcher.held().includes(account.id), 60_000);
    boxes.push(me);
  }
  const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: s.smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 4 });
  const acceptedAt = new Map<string, number>();
  const clientMail = (i: number, tag: string) => {
    const from = `${tag}${i}-${randomBytes(2).toString('hex')}@client.example`;
    return { from, sent: smtp.sendMail({ from, to: boxes[i % boxes.length]!, subject: `Question ${i}`, text: 'Could we talk tomorrow?' }).then(() => void acceptedAt.set(from, Date.now())) };
  };
  const replyTimes = (froms: string[], stoppedAt: number) => froms.map((from) => (submitted.get(from) ?? stoppedAt) - acceptedAt.get(from)!).sort((a, b) => a - b);
  try {
    // Each mailbox's first reply opens its connections (the IMAP fetch, SMTP with TLS and login)
    // and warms the code up: it is reported on its own, and the steady rate is measured after it.
    const firsts = boxes.map((_, i) => clientMail(i, 'first'));
    await Promise.all(firsts.map((f) => f.sent));
    await until('the first reply of every mailbox', async () => firsts.every((f) => submitted.has(f.from)), REPLY_DEADLINE_MS);
    const cold = replyTimes(firsts.map((f) => f.from), Date.now());
    const total = RATE * SECONDS;
    const cpuBefore = process.cpuUsage();
    const start = Date.now();
    const sends: Promise<void>[] = [];
    const steady: string[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / RATE;
      if (due > Date.now()) await sleep(due - Date.now());
      const mail = clientMail(i, 'c');
      steady.push(mail.from);
      sends.push(mail.sent);
    }
    await Promise.all(sends);
    // A run that cannot keep up still gives its figures: a reply missing at the deadline counts
    // as taking until then, so its percentiles are lower bounds, and the method says so.
    const deadline = Date.now() + REPLY_DEADLINE_MS;
    while (submitted.size < total && Date.now() < deadline) await sleep(100);
    const stoppedAt = Date.now();
    const cpu = process.cpuUsage(cpuBefore);
    const loadAtEnd = os.loadavg()[0]!.toFixed(1);
    const latencies = replyTimes(steady, stoppedAt);
    const late = steady.filter((from) => !submitted.has(from)).length;
    const m = machine();
    const method = `${total} client messages at ${RATE}/s, each from its own sender, spread over ${LATENCY_MAILBOXES} mailboxes, into the real Postfix (port 25) → LMTP → Dovecot; the mailboxes watched by startImapWatcher (IDLE), queue workers in the same process, ${ENGINE_LABEL[engine]}, grace period 0, user at 23:00, after one warm-up message per mailbox (reported below as the first reply). From Postfix accepting the client's message to Postfix's submission service accepting the reply; Dovecot tells IDLE clients of new mail about 0.5 s after delivery, which is most of the p50.${late ? ` ${late} of ${total} replies were not accepted ${REPLY_DEADLINE_MS / 1000} s after the last message was: counted at that moment, so the figures are lower bounds.` : ''}`;
    return [
      { name: `IMAP (${ENGINE_LABEL[engine]}): delivery → reply accepted by Postfix, p50`, value: percentile(latencies, 50), unit: 'ms', goal: '', method, machine: m },
      { name: `IMAP (${ENGINE_LABEL[engine]}): delivery → reply accepted by Postfix, p99`, value: percentile(latencies, 99), unit: 'ms', goal: '< 1,000', method, machine: m },
      { name: `IMAP (${ENGINE_LABEL[engine]}): a mailbox's first reply (cold connections), median of ${cold.length}`, value: percentile(cold, 50), unit: 'ms', goal: '', method: `Each of the ${LATENCY_MAILBOXES} mailboxes' first client message, sent together before the measured run: the sync opens the mailbox's IMAP connection and the send its SMTP connection (TLS and login), on code not yet warmed up. Worst: ${cold[cold.length - 1]} ms.`, machine: m },
      // The machine's load does not change this one much: it says what 10 replies a second need.
      { name: `IMAP (${ENGINE_LABEL[engine]}): CPU time per reply (watcher, workers, database, the clients sending)`, value: Math.round((cpu.user + cpu.system) / 1000 / (total - late)), unit: 'ms', goal: '', method: `${method} User + system CPU of the bench process from the first measured client message until the last reply, ÷ ${total - late} replies. Load average at the end: ${loadAtEnd}.`, machine: m },
    ];
  } finally {
    smtp.close();
    await watcher.close();
    await workers.close(5_000);
    await runtime.close();
  }
}

const rssKiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
const fds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

/**
 * One `boundary worker --role imap-watch` process holding an IDLE connection for each of
 * MAILBOXES accounts (spread over 10 Dovecot users): its resident memory and open descriptors,
 * measured with no mailbox and then with all of them held; the difference divided by the count.
 */
async function idleFootprint(s: MailServers): Promise<BenchResult[]> {
  if (!(await postgresAvailable())) return [];
  const db = await createTestDatabase();
  const env = testEnv({ DATABASE_URL: db.url, LOG_LEVEL: 'warn', IMAP_EXTRA_CA: s.ca });
  const runtime = await (await import('../src/runtime.js')).createRuntime(testConfig(env));
  const child = spawn(process.execPath, [...WATCHER_NODE_FLAGS, '--import', 'tsx', 'src/cli/main.ts', 'worker', '--role', 'imap-watch'], { cwd: path.resolve(import.meta.dirname, '..'), env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  try {
    const user = await createUser(runtime.database.db, { email: `idle-${randomBytes(3).toString('hex')}@boundary.test` });
    const logins: Array<{ address: string; password: string }> = [];
    for (let i = 0; i < 10; i++) {
      const address = `idle-${i}-${randomBytes(3).toString('hex')}@boundary.test`;
      const password = randomBytes(9).toString('base64url');
      await s.addUser(address, password);
      logins.push({ address, password });
    }
    await sleep(5_000); // the worker has started and scanned an empty table
    const before = { rss: rssKiB(child.pid!), fds: fds(child.pid!) };
    for (let i = 0; i < MAILBOXES; i++) {
      const { address, password } = logins[i % logins.length]!;
      const grant = { provider: 'imap', username: address, password, servers: { imap: { host: '127.0.0.1', port: s.imapPort, secure: true }, smtp: { host: '127.0.0.1', port: s.submissionPort, secure: true }, caldav: null } };
      await saveConnectedAccount(runtime.database.db, {
        userId: user.id, provider: 'imap', address: `box${i}-${address}`, aliases: [], sealedTokens: runtime.cipher.seal(JSON.stringify(grant)),
        mailCursor: 'imap1.1.1.0', calendarCursor: null, watch: null, calendarWatch: null, baselineAt: new Date(),
      });
    }
    // Held = every lease taken and a socket open for each: the descriptor count stops growing.
    await until('every lease', async () => (await runtime.redis.keys(`${env.QUEUE_PREFIX}:imap-lease:*`)).length >= MAILBOXES, 300_000);
    await until(`${MAILBOXES} connections`, async () => fds(child.pid!) >= before.fds + MAILBOXES, 600_000);
    await sleep(10_000);
    const after = { rss: rssKiB(child.pid!), fds: fds(child.pid!) };
    const m = machine();
    const method = `${MAILBOXES} IMAP accounts (10 Dovecot users) watched by one \`boundary worker --role imap-watch\` process${WATCHER_NODE_FLAGS.length ? ` (node ${WATCHER_NODE_FLAGS.join(' ')})` : ''} against the local Dovecot over TLS; /proc/<pid>/status VmRSS and /proc/<pid>/fd, with no account and 10 s after all were held; difference ÷ ${MAILBOXES}. Before: ${before.rss} KiB, ${before.fds} fds; after: ${after.rss} KiB, ${after.fds} fds.`;
    return [
      { name: `IMAP watcher memory per watched mailbox (${MAILBOXES} IDLE${WATCHER_NODE_FLAGS.length ? `, node ${WATCHER_NODE_FLAGS.join(' ')}` : ''})`, value: Math.round((after.rss - before.rss) / MAILBOXES), unit: 'KiB', goal: '< 100', method, machine: m },
      { name: `IMAP watcher descriptors per watched mailbox (${MAILBOXES} IDLE${WATCHER_NODE_FLAGS.length ? `, node ${WATCHER_NODE_FLAGS.join(' ')}` : ''})`, value: Math.round(((after.fds - before.fds) / MAILBOXES) * 100) / 100, unit: 'fds', goal: '', method, machine: m },
    ];
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    await runtime.close();
    await db.drop();
  }
}

/** Both IMAP figures on one set of real servers; none (said on stderr) where they cannot start. */
export async function imapBench(): Promise<BenchResult[]> {
  const missing = mailServersMissing();
  if (missing) {
    process.stderr.write(`  imap bench skipped: ${missing}\n`);
    return [];
  }
  const parts = (process.env.IMAP_BENCH_PARTS ?? 'latency,idle').split(',');
  const s = await startMailServers();
  try {
    // Both databases: a fresh install runs embedded PGlite in the service's own thread; a real
    // PostgreSQL takes that work to another process. IMAP_BENCH_ENGINES picks one of them.
    const engines = (process.env.IMAP_BENCH_ENGINES ?? ((await postgresAvailable()) ? 'pglite,postgres' : 'pglite')).split(',') as Array<'pglite' | 'postgres'>;
    const latency: BenchResult[] = [];
    if (parts.includes('latency')) {
      for (const engine of engines) latency.push(...(await replyLatency(s, engine)));
      saveResults('imap-latency.json', latency);
    }
    for (const r of latency) process.stderr.write(`  ${r.name}: ${r.value} ${r.unit}\n`);
    const idle = parts.includes('idle') ? saveResults(WATCHER_NODE_FLAGS.length ? 'imap-idle-flags.json' : 'imap-idle.json', await idleFootprint(s)) : [];
    return [...latency, ...idle];
  } finally {
    await s.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await imapBench()) process.stderr.write(`${r.name}: ${r.value} ${r.unit}\n  ${r.method}\n`);
  process.exit(0);
}
