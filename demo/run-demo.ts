import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDigest } from '../src/pipeline/digest-build.js';
import { scanFollowUps } from '../src/pipeline/follow-up-scan.js';
import { renewWatch } from '../src/pipeline/renew-watch.js';
import { draftPaymentReminders } from '../src/pipeline/payment-reminders.js';
import { refreshUserSentMail } from '../src/pipeline/sent-mail.js';
import { setDrafting } from '../src/storage/drafts.js';
import { local, play } from './play.js';
import { CLIENTS, DIGEST_DATE, EVENTS, MAILBOXES, ME, NOOR, START, ZONE, type Mailbox } from './scenario.js';
import { connectMailbox, idle, startDemoService, type DemoService } from './service.js';
import { bold, cyan, dim, red } from './terminal.js';

export interface DemoResult {
  /** Events whose outcome differs from what the scenario expects (0 when all went as told). */
  mismatches: number;
  /** Replies each emulator received from Boundary. */
  replies: Record<Mailbox, number>;
  digestFile: string;
  ms: number;
}

interface Demo {
  s: DemoService;
  accounts: Record<Mailbox, string>;
  out: (line?: string) => void;
}

const MAILBOX_LIST = Object.keys(MAILBOXES) as Mailbox[];
/** The summary's reasons in words; the codes stay in the activity log and the API. */
const HELD_WORDS: Record<string, string> = {
  'within-hours': 'within her hours',
  'already-replied-to-sender': 'sender already had a reply',
  'already-replied-in-thread': 'thread already had a reply',
  'null-return-path': 'a bounce',
  'auto-submitted': 'an automatic message',
  'list-header': 'a mailing list',
  'precedence-bulk': 'bulk mail',
  'noreply-sender': 'a no-reply sender',
  'system-sender': 'a system sender',
  'not-a-client': 'not a client',
  'own-domain': 'a colleague',
  vip: 'a VIP',
  spam: 'spam',
};
const LABEL_WIDTH = 58;

/** The whole scenario on the real service; `out` receives each line the terminal would show. */
export async function runDemo(opts: { out?: (line: string) => void; serve?: { dataDir: string; port?: number } } = {}): Promise<DemoResult & { service?: DemoService }> {
  const out = (line = '') => (opts.out ?? ((l: string) => process.stdout.write(`${l}\n`)))(line);
  const started = Date.now();
  let clock = local(`${START}T08:00`).toJSDate();
  // --serve keeps its data directory (fresh for each run, so the story starts from nothing).
  if (opts.serve) rmSync(opts.serve.dataDir, { recursive: true, force: true, maxRetries: 3 });
  const dataDir = opts.serve ? path.resolve(opts.serve.dataDir) : mkdtempSync(path.join(os.tmpdir(), 'boundary-demo-'));
  if (opts.serve) mkdirSync(dataDir, { recursive: true });
  let keep = false;
  out(bold("Boundary demo: two weeks of a freelancer's mailboxes, compressed into seconds"));
  out(dim(`Embedded PostgreSQL (PGlite) in ${dataDir}, local Redis, a Gmail + Calendar emulator and an Outlook (Microsoft Graph) emulator.`));
  const s = await startDemoService({ dataDir, now: () => clock, me: ME, say: (m) => out(dim(m)), port: opts.serve?.port });
  try {
    const demo: Demo = { s, accounts: await setUp(s, out), out };
    let mismatches = 0;
    let day = '';
    for (const event of EVENTS) {
      const at = local(event.at);
      if (at.toISODate() !== day) {
        if (day) await endOfDay(demo, at.toISODate()!, clock);
        day = at.toISODate()!;
        out(`\n${bold(at.toFormat('cccc d LLLL'))}`);
      }
      clock = at.toJSDate();
      const outcome = await play(s, demo.accounts, event);
      // A mail's reply goes as the scenario expects; a held reply goes when its morning comes.
      const ok = event.kind === 'held-due' ? outcome.replied : event.kind !== 'mail' || outcome.replied === (event.expect === 'reply');
      if (!ok) mismatches += 1;
      const tag = event.mailbox && event.mailbox !== 'gmail' ? ` (${MAILBOXES[event.mailbox].label})` : '';
      const label = `${event.label}${tag ? cyan(tag) : ''}${' '.repeat(Math.max(0, LABEL_WIDTH - event.label.length - tag.length))}`;
      out(`  ${at.toFormat('HH:mm')}  ${label} ${ok ? outcome.text : red(`${outcome.text} (expected ${event.kind === 'mail' ? event.expect : ''})`)}`);
    }
    clock = local(`${DIGEST_DATE}T07:59`).toJSDate();
    await endOfDay(demo, DIGEST_DATE, clock);
    clock = local(`${DIGEST_DATE}T08:00`).toJSDate();
    const { row } = await buildDigest(s.runtime.database.db, s.userId, DIGEST_DATE, clock);
    const outDir = path.resolve('data', 'demo');
    mkdirSync(outDir, { recursive: true });
    const digestFile = path.join(outDir, `digest-${DIGEST_DATE}.html`);
    writeFileSync(digestFile, row.html);
    writeFileSync(path.join(outDir, `digest-${DIGEST_DATE}.txt`), row.text);
    // Her held reply went out of Gmail too; it is her mail, not one of Boundary's replies.
    const heldSent = (await s.runtime.database.db.selectFrom('held_messages').select('id').where('state', '=', 'sent').execute()).length;
    const replies = { gmail: (await s.google.control.sent()).length - heldSent, outlook: (await s.microsoft.control.sent()).length };
    const ms = Date.now() - started;
    await summary(demo, replies, ms);
    out(`\n${bold('The morning digest')} ${dim(`(${DIGEST_DATE}, as Elira reads it; plain-text version)`)}\n`);
    out(row.text.split('\n').map((l) => `  ${l}`).join('\n'));
    out(`\n${bold('Open the HTML digest:')} ${digestFile}`);
    if (mismatches) out(red(`\n${mismatches} event(s) did not go as the scenario expects.`));
    keep = Boolean(opts.serve);
    return { mismatches, replies, digestFile, ms, ...(keep ? { service: s } : {}) };
  } finally {
    if (!keep) {
      await s.stop();
      // The run's database and Redis files are scratch; what is worth keeping went to ./data/demo.
      if (!opts.serve) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    }
  }
}

async function setUp(s: DemoService, out: Demo['out']): Promise<Record<Mailbox, string>> {
  const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]));
  // Her colleagues at the collective write from its domain: they are not clients.
  const settings = { timeZone: ZONE, name: 'Elira', week: { ...week, sat: [], sun: [] }, holidays: { country: 'AL' }, clientMode: 'listed', gracePeriodMinutes: 0, invitationPolicy: 'decline-with-proposals', ownDomains: ['hoxha.studio', 'kolektiv.example'] };
  const res = await fetch(`${s.baseUrl}/api/settings`, { method: 'PUT', headers: s.headers, body: JSON.stringify(settings) });
  if (!res.ok) throw new Error(`settings rejected: ${await res.text()}`);
  for (const client of CLIENTS) {
    const made = await fetch(`${s.baseUrl}/api/clients`, { method: 'POST', headers: s.headers, body: JSON.stringify(client) });
    if (client.name !== NOOR.name) continue;
    const id = ((await made.json()) as { client: { id: string } }).client.id;
    await fetch(`${s.baseUrl}/api/clients/${id}/scope`, { method: 'PUT', headers: s.headers, body: JSON.stringify(NOOR.scope) });
    await fetch(`${s.baseUrl}/api/clients/${id}/invoices`, { method: 'POST', headers: s.headers, body: JSON.stringify(NOOR.invoice) });
  }
  const accounts = { gmail: await connectMailbox(s, 'gmail'), outlook: await connectMailbox(s, 'outlook') };
  // Relationship mail (contract request, scope cost, payment reminders) is drafted, never sent.
  await setDrafting(s.runtime.database.db, accounts.gmail, true);
  // She holds her own late replies to clients for the working day (issue 21).
  const hold = await fetch(`${s.baseUrl}/api/held/settings`, { method: 'PUT', headers: s.headers, body: JSON.stringify({ enabled: true }) });
  if (!hold.ok) throw new Error(`hold setting rejected: ${await hold.text()}`);
  const names = MAILBOX_LIST.map((m) => `${MAILBOXES[m].address} (${MAILBOXES[m].label})`).join(' and ');
  out(`Connected ${names}; Mon–Fri 09:00–17:00 in Tirana, Albanian holidays, ${CLIENTS.length} clients. Sending is on for both.`);
  return accounts;
}

/** What the service's schedulers do each day, for every mailbox: renew watches, poll, read sent mail, scan for follow-ups, build the morning digest. */
async function endOfDay({ s, accounts }: Demo, nextDay: string, now: Date): Promise<void> {
  for (const accountId of Object.values(accounts)) {
    await renewWatch(s.runtime.pipeline, accountId);
    await s.runtime.producer.add('sync-mailbox', { accountId, reason: 'poll' }, { jobId: `sync-mailbox-${accountId}` });
  }
  await idle(s.runtime);
  await refreshUserSentMail(s.runtime.pipeline, s.userId);
  await scanFollowUps(s.runtime.pipeline, s.userId, now);
  await draftPaymentReminders(s.runtime.pipeline, s.userId, now);
  await idle(s.runtime);
  await buildDigest(s.runtime.database.db, s.userId, nextDay, local(`${nextDay}T08:00`).toJSDate());
}

async function summary({ s, out }: Demo, replies: Record<Mailbox, number>, ms: number): Promise<void> {
  const db = s.runtime.database.db;
  const decisions = await db.selectFrom('decisions').select(['action', 'reasons']).execute();
  const held = new Map<string, number>();
  for (const d of decisions) {
    if (d.action === 'auto-reply') continue;
    const code = (d.reasons as Array<{ code: string }>)[0]?.code ?? '?';
    held.set(code, (held.get(code) ?? 0) + 1);
  }
  const reminders = await db.selectFrom('reminders' as never).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst().catch(() => ({ n: '0' }));
  const total = replies.gmail + replies.outlook;
  out(`\n${bold('Summary')} ${dim(`(${(ms / 1000).toFixed(1)} s)`)}`);
  out(`  Messages decided     ${decisions.length}`);
  out(`  Replies sent         ${total} (Gmail ${replies.gmail}, Outlook ${replies.outlook}), each once, threaded, with Auto-Submitted`);
  out(`  No reply, and why    ${[...held.entries()].map(([k, v]) => `${HELD_WORDS[k] ?? k} ×${v}`).join(', ')}`);
  out(`  Follow-up reminders  ${(reminders as { n: string }).n}`);
  const drafts = await db.selectFrom('drafts').select(['kind', (eb) => eb.fn.countAll<string>().as('n')]).where('state', '=', 'written').groupBy('kind').orderBy('kind').execute();
  out(`  Drafts in her Gmail  ${drafts.map((d) => `${d.kind} ×${d.n}`).join(', ') || 'none'} (written for her to send, never sent)`);
  out(dim('\nYour own mail need not be on Gmail or Outlook: any mailbox with IMAP and SMTP (Fastmail, iCloud, Yahoo, a web host)'));
  out(dim('connects with its address and an app password, with no app to register: Accounts → "Connect another mailbox (IMAP)".'));
}
