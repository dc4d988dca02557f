import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { buildDigest } from '../src/pipeline/digest-build.js';
import { scanFollowUps } from '../src/pipeline/follow-up-scan.js';
import { renewWatch } from '../src/pipeline/renew-watch.js';
import { refreshUserSentMail } from '../src/pipeline/sent-mail.js';
import { CLIENTS, DIGEST_DATE, EVENTS, ME, START, ZONE, type DemoEvent } from './scenario.js';
import { connectGmail, idle, startDemoService, type DemoService } from './service.js';

const out = (s = '') => process.stdout.write(`${s}\n`);
const tty = process.stdout.isTTY;
const c = (code: string, s: string) => (tty ? `\x1b[${code}m${s}\x1b[0m` : s);
const green = (s: string) => c('32', s);
const dim = (s: string) => c('2', s);
const red = (s: string) => c('31', s);
const bold = (s: string) => c('1', s);

const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
let clock = local(`${START}T08:00`).toJSDate();

async function main(): Promise<number> {
  const started = Date.now();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'boundary-demo-'));
  out(bold('Boundary demo: two weeks of a freelancer\'s mailbox, compressed into seconds'));
  out(dim(`Embedded PostgreSQL (PGlite) in ${dataDir}, local Redis, and a Gmail + Calendar emulator.`));
  const s = await startDemoService({ dataDir, now: () => clock, me: ME, say: (m) => out(dim(m)) });
  let mismatches = 0;
  try {
    await setUp(s);
    let day = '';
    let n = 0;
    for (const event of EVENTS) {
      const at = local(event.at);
      if (at.toISODate() !== day) {
        if (day) await endOfDay(s, at.toISODate()!);
        day = at.toISODate()!;
        out(`\n${bold(at.toFormat('cccc d LLLL'))}`);
      }
      clock = at.toJSDate();
      n += 1;
      const outcome = await play(s, event, n);
      const ok = event.kind !== 'mail' || outcome.replied === (event.expect === 'reply');
      if (!ok) mismatches += 1;
      out(`  ${at.toFormat('HH:mm')}  ${event.label.padEnd(58)} ${ok ? outcome.text : red(`${outcome.text} (expected ${event.kind === 'mail' ? event.expect : ''})`)}`);
    }
    clock = local(`${DIGEST_DATE}T07:59`).toJSDate();
    await endOfDay(s, DIGEST_DATE);
    clock = local(`${DIGEST_DATE}T08:00`).toJSDate();
    const { row } = await buildDigest(s.runtime.database.db, s.userId, DIGEST_DATE, clock);
    const outDir = path.resolve('data', 'demo');
    mkdirSync(outDir, { recursive: true });
    const file = path.join(outDir, `digest-${DIGEST_DATE}.html`);
    writeFileSync(file, row.html);
    writeFileSync(path.join(outDir, `digest-${DIGEST_DATE}.txt`), row.text);
    await summary(s, file, Date.now() - started);
    out(`\n${bold('The morning digest')} ${dim(`(${DIGEST_DATE}, as Elira reads it; plain-text version)`)}\n`);
    out(row.text.split('\n').map((l) => `  ${l}`).join('\n'));
    out(`\n${bold('Open the HTML digest:')} ${file}`);
    if (mismatches) out(red(`\n${mismatches} event(s) did not go as the scenario expects.`));
    return mismatches ? 1 : 0;
  } finally {
    await s.stop();
  }
}

/** What the service's schedulers do each day: renew watches, read sent mail, scan for follow-ups, build the morning digest. */
async function endOfDay(s: DemoService, nextDay: string): Promise<void> {
  const account = await s.runtime.database.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
  await renewWatch(s.runtime.pipeline, account.id);
  await s.runtime.producer.add('sync-mailbox', { accountId: account.id, reason: 'poll' }, { jobId: `sync-mailbox-${account.id}` });
  await idle(s.runtime);
  await refreshUserSentMail(s.runtime.pipeline, s.userId);
  await scanFollowUps(s.runtime.pipeline, s.userId, clock);
  await buildDigest(s.runtime.database.db, s.userId, nextDay, local(`${nextDay}T08:00`).toJSDate());
}

async function setUp(s: DemoService): Promise<void> {
  const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]));
  const settings = { timeZone: ZONE, name: 'Elira', week: { ...week, sat: [], sun: [] }, holidays: { country: 'AL' }, clientMode: 'listed', gracePeriodMinutes: 0, invitationPolicy: 'decline-with-proposals', ownDomains: ['hoxha.studio'] };
  const res = await fetch(`${s.baseUrl}/api/settings`, { method: 'PUT', headers: s.headers, body: JSON.stringify(settings) });
  if (!res.ok) throw new Error(`settings rejected: ${await res.text()}`);
  for (const client of CLIENTS) await fetch(`${s.baseUrl}/api/clients`, { method: 'POST', headers: s.headers, body: JSON.stringify(client) });
  const accountId = await connectGmail(s);
  await fetch(`${s.baseUrl}/api/accounts/${accountId}/sending`, { method: 'PUT', headers: s.headers, body: JSON.stringify({ sending: true }) });
  out(`Connected ${ME} (Gmail), Mon–Fri 09:00–17:00 in Tirana, Albanian holidays, ${CLIENTS.length} clients. Sending is on.`);
}

async function play(s: DemoService, event: DemoEvent, n: number): Promise<{ replied: boolean; text: string }> {
  const control = s.emulator.control;
  if (event.kind === 'sent') {
    const thread = await threadOf(s, event.subject);
    await control.injectSentMessage({ from: ME, to: [event.to], subject: event.subject, ...(thread ? { threadId: thread } : {}) });
    return { replied: false, text: dim('(sent by Elira)') };
  }
  if (event.kind === 'invite') {
    await control.injectEvent({ subject: event.subject, organizer: event.organizer, attendees: [event.organizer, ME], start: local(event.start).toUTC().toISO()!, end: local(event.end).toUTC().toISO()! });
    const account = await s.runtime.database.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    await s.runtime.producer.add('sync-calendar', { accountId: account.id, reason: 'demo' }, { jobId: `sync-calendar-${account.id}` });
    await idle(s.runtime);
    const row = await s.runtime.database.db.selectFrom('invitations').select(['answer', 'decision']).where('data', '@>', JSON.stringify({ subject: event.subject }) as never).executeTakeFirst();
    return { replied: Boolean(row?.answer), text: row?.answer ? green(`→ ${row.answer}, with times inside her hours`) : dim('→ noted') };
  }
  const messageId = `<demo-${n}@${event.from.split('@')[1]!.replace('>', '')}>`;
  const thread = await threadOf(s, event.subject);
  await control.injectMessage({ from: event.from, to: [ME], subject: event.subject, headers: { ...event.headers, 'Message-ID': messageId }, ...(thread ? { threadId: thread } : {}) });
  await control.push(`${s.baseUrl}/webhooks/google/pubsub`, { emailAddress: ME, historyId: '0' }, { audience: `${s.baseUrl}/webhooks/google/pubsub` });
  await idle(s.runtime);
  const decision = await s.runtime.database.db.selectFrom('decisions').select(['id', 'action', 'reasons']).where(sql<string>`meta->>'messageId'`, '=', messageId).executeTakeFirst();
  const reply = decision ? await s.runtime.database.db.selectFrom('replies').select('state').where('decision_id', '=', decision.id).executeTakeFirst() : undefined;
  const replied = reply?.state === 'sent';
  const why = (decision?.reasons as Array<{ code: string }> | undefined)?.[0]?.code ?? 'not decided';
  return { replied, text: replied ? green('→ polite reply sent') : dim(`→ no reply (${why})`) };
}

/** A "Re:" joins the thread of the message it answers, as a mail client would. */
async function threadOf(s: DemoService, subject: string): Promise<string | undefined> {
  if (!/^Re: /.test(subject)) return undefined;
  const row = await s.runtime.database.db.selectFrom('messages').select('thread_id').where('subject', '=', subject.replace(/^Re: /, '')).executeTakeFirst();
  return row?.thread_id;
}

async function summary(s: DemoService, file: string, ms: number): Promise<void> {
  const db = s.runtime.database.db;
  const decisions = await db.selectFrom('decisions').select(['action', 'reasons']).execute();
  const sent = (await s.emulator.control.sent()).length;
  const held = new Map<string, number>();
  for (const d of decisions) {
    if (d.action === 'auto-reply') continue;
    const code = (d.reasons as Array<{ code: string }>)[0]?.code ?? '?';
    held.set(code, (held.get(code) ?? 0) + 1);
  }
  const reminders = await db.selectFrom('reminders' as never).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst().catch(() => ({ n: '0' }));
  out(`\n${bold('Summary')} ${dim(`(${(ms / 1000).toFixed(1)} s)`)}`);
  out(`  Messages decided     ${decisions.length}`);
  out(`  Replies sent         ${sent} (each once, threaded, with Auto-Submitted)`);
  out(`  No reply, and why    ${[...held.entries()].map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  out(`  Follow-up reminders  ${(reminders as { n: string }).n}`);
  void file;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
