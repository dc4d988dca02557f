import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { calibrate } from './calibration.js';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { decideMessage, type Decision, type ReplyHistory } from '../src/domain/decide-message.js';
import type { MessageMeta } from '../src/domain/message.js';
import { parseSettings } from '../src/domain/settings-validate.js';
import { rng } from './seeded-random.js';

/**
 * Decisions per second on one core over a seeded, realistic mix of normalized messages: each is
 * decided a few minutes after it arrived (as a sync does), most arrive in working hours or are
 * machine mail blocked early. `npm run bench:decide`; writes bench/results/decide.json.
 */

const here = path.dirname(new URL(import.meta.url).pathname);
const settings = parseSettings({ ...JSON.parse(readFileSync(path.join(here, '../test/fixtures/settings.json'), 'utf8')), backlogCutoffHours: 12 });

interface Case { message: MessageMeta; history: ReplyHistory; now: DateTime }

const MIX: Array<[string, number]> = [
  ['client', 0.6], // people writing to the user, at any hour (most land in working hours)
  ['newsletter', 0.15],
  ['notification', 0.08], // noreply senders
  ['auto-reply', 0.05], // OOFs, bounces
  ['colleague', 0.05],
  ['replied-recently', 0.05],
  ['cc-list', 0.02],
];

function makeCases(n: number, seed: number): Case[] {
  const random = rng(seed);
  const start = Date.parse('2025-09-01T00:00:00Z');
  const cases: Case[] = [];
  for (let i = 0; i < n; i++) {
    let r = random();
    let kind = MIX[0]![0];
    for (const [k, p] of MIX) {
      if (r < p) { kind = k; break; }
      r -= p;
    }
    // Arrival: weekday office hours are busier (≈70% of client mail between 07:00 and 19:00 UTC).
    const day = Math.floor(random() * 90);
    const hour = random() < 0.7 ? 7 + random() * 12 : random() * 24;
    const received = start + day * 86_400_000 + Math.floor(hour * 3_600_000);
    const sender = kind === 'colleague' ? `c${i % 7}@hoxha.studio` : kind === 'notification' ? `no-reply@svc${i % 13}.example` : `person${i % 500}@client${i % 60}.example`;
    const headers: Record<string, string> = { 'return-path': `<${sender}>` };
    if (kind === 'newsletter') Object.assign(headers, { 'list-unsubscribe': '<https://x.example/u>', precedence: 'bulk' });
    if (kind === 'auto-reply') headers['auto-submitted'] = 'auto-replied';
    cases.push({
      message: {
        provider: 'google',
        providerMessageId: `m${i}`,
        threadId: `t${i % 3000}`,
        messageId: `<m${i}@client.example>`,
        from: { name: `Person ${i % 500}`, address: sender },
        replyTo: [],
        to: [{ address: kind === 'cc-list' ? 'team@client.example' : 'arta@hoxha.studio' }],
        cc: [],
        bcc: [],
        dateHeader: null,
        receivedAt: new Date(received).toISOString(),
        subject: `Subject ${i}`,
        headers,
        labels: ['inbox'],
      },
      history: kind === 'replied-recently' ? { lastReplyToSenderAt: new Date(received - 86_400_000).toISOString() } : {},
      now: DateTime.fromMillis(received + Math.floor(random() * 600_000), { zone: 'utc' }),
    });
  }
  return cases;
}

function run(cases: Case[], seconds: number, readReply: boolean): { perSecond: number; decisions: number; tally: Record<string, number> } {
  const tally: Record<string, number> = {};
  let decisions = 0;
  const deadline = performance.now() + seconds * 1000;
  let started = performance.now();
  let first = true;
  while (performance.now() < deadline || first) {
    for (const c of cases) {
      const d: Decision = decideMessage(c.message, settings, c.history, c.now);
      if (readReply && d.action === 'auto-reply') void d.reply;
      if (first) {
        const key = d.action === 'none' ? d.reasons[0]!.code : d.action;
        tally[key] = (tally[key] ?? 0) + 1;
      }
    }
    if (first) { first = false; started = performance.now(); continue; } // first pass warms caches and the JIT
    decisions += cases.length;
  }
  return { perSecond: Math.round(decisions / ((performance.now() - started) / 1000)), decisions, tally };
}

const cases = makeCases(20_000, 20251202);
const decideOnly = run(cases, 3, false);
const withReplies = run(cases, 3, true);
const result = {
  benchmark: 'decideMessage',
  calibration: calibrate(),
  date: new Date().toISOString(),
  machine: { cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}` },
  method:
    'One process, one core. 20,000 seeded messages (seed 20251202) over 90 days: 60% people (70% of them in 07–19 UTC), 15% newsletters, 8% noreply notifications, 5% auto-replies, 5% colleagues, 5% senders answered the day before, 2% not addressed to the user. Each is decided 0–10 minutes after arrival. One warm-up pass, then whole passes for 3 s. decideOnly leaves the lazily composed reply unread; withReplies also composes every auto-reply.',
  mix: decideOnly.tally,
  decideOnly: { decisionsPerSecond: decideOnly.perSecond, decisions: decideOnly.decisions },
  withReplies: { decisionsPerSecond: withReplies.perSecond, decisions: withReplies.decisions },
  goal: 100_000,
};
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(path.join(here, 'results', 'decide.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
