import type { GoogleFault } from '../dev/emulators/google/server.js';
import type { DrillResult } from './report.js';
import { accountStatus, ME, repliesPerMessage, sleep, startDrillService, waitFor } from './service.js';

/** Every injected fault asks for this wait; the drill's window is stated as a multiple of it. */
const RETRY_AFTER_S = 1;

const client = (i: number, tag: string) => ({ from: `Client ${i} <${tag}${i}@client${i % 7}.example>`, to: [ME], subject: `${tag} ${i}`, headers: { 'Message-ID': `<${tag}${i}@drill.example>` } });

/**
 * Half of all Gmail API calls fail at random with 429, 500 or 503, each carrying Retry-After: 1.
 * Must hold: every message still gets exactly one reply within the window, and after a 429 the
 * account sends nothing to Google until Retry-After has passed (requests already in flight
 * excepted). A 429 pauses every job of the account, so work moves in rounds of one Retry-After,
 * each step of a reply (read the history, read the message, read the sent mail, send, and after a
 * failed send look for it) passing in half of them: the window is counted in Retry-Afters.
 */
export async function randomFaultsDrill(opts: { messages: number; waitMs: number; seed?: number }): Promise<DrillResult> {
  const s = await startDrillService({ engine: 'pglite', inProcessWorkers: true });
  try {
    let seed = opts.seed ?? 20261124;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    // The emulator takes faults in order, one per API call; a zero delay lets a call through.
    // Pre-drawing them makes "50% of calls fail" hold call by call, whoever makes the call.
    const statuses = [429, 500, 503] as const;
    for (let i = 0; i < 20_000; i++) {
      const f: GoogleFault = random() < 0.5
        ? { kind: 'status', status: statuses[Math.floor(random() * 3)]!, retryAfterSeconds: RETRY_AFTER_S, times: 1 }
        : { kind: 'slow', delayMs: 0, times: 1 };
      await s.emulator.control.fault(f);
    }
    const firstCall = s.emulator.control.log().length;
    const arrivedAt = new Map<string, number>();
    for (let i = 0; i < opts.messages; i++) {
      arrivedAt.set(`<faulty${i}@drill.example>`, Date.now());
      await s.emulator.control.injectMessage(client(i, 'faulty'));
      await s.push();
      await sleep(300);
    }
    const n = opts.messages;
    // Only the replies to the drill's own messages count: other mail can go out meanwhile (the
    // user's digest at 08:00 Tirane, 07:00 UTC, once ended this wait one reply early).
    const unanswered = (per: Map<string, number>) => [...arrivedAt.keys()].filter((id) => !per.has(id)).length;
    await waitFor(async () => unanswered(repliesPerMessage(await s.emulator.control.sent())) === 0 || undefined, opts.waitMs);
    await sleep(2_000);
    const per = repliesPerMessage(await s.emulator.control.sent());
    // From a message's arrival to its reply, for the slowest one answered.
    const waits = s.emulator.control.state.sent.map((r) => (r.sentAtMs ?? 0) - (arrivedAt.get(/^In-Reply-To: (.*)$/m.exec(r.raw)?.[1]?.trim() ?? '') ?? Infinity));
    const slowestReplyS = Math.round(Math.max(0, ...waits.filter((w) => w >= 0)) / 100) / 10;
    const duplicates = [...per.values()].filter((c) => c > 1).length;
    const missing = unanswered(per);
    const calls = s.emulator.control.log().slice(firstCall);
    const failed = calls.filter((c) => c.status >= 429).length;
    // A call arriving more than 250 ms after a 429 and before its Retry-After ran out broke the pause.
    const inside = new Set<string>();
    let pauseBroken = 0;
    for (const [i, c] of calls.entries()) {
      if (c.status !== 429 || c.atMs === undefined) continue;
      const end = c.atMs + RETRY_AFTER_S * 1_000;
      const broke = calls.slice(i + 1).filter((d) => d.atMs !== undefined && d.atMs > c.atMs! + 250 && d.atMs < end - 50);
      for (const d of broke) inside.add(`${d.path.replace(/^.*\/v\d+\//, '')} +${d.atMs! - c.atMs}ms`);
      pauseBroken += broke.length;
    }
    const held = duplicates === 0 && missing === 0 && pauseBroken === 0;
    return {
      drill: 'Provider faults: 50% random 429/500/503 (Gmail)',
      mustHold: `every one of ${n} messages gets exactly one reply within ${opts.waitMs / 1000} s (${opts.waitMs / 1000 / RETRY_AFTER_S} × the Retry-After); no call to Gmail during a 429's Retry-After (${RETRY_AFTER_S} s) pause`,
      observed: `${n - missing} messages answered, ${duplicates} duplicates, ${missing} missing, the slowest reply after ${slowestReplyS} s; ${calls.length} API calls, ${failed} failed (${Math.round((100 * failed) / Math.max(1, calls.length))}%); ${pauseBroken} calls inside a pause${inside.size ? ` (${[...inside].slice(0, 3).join(', ')})` : ''}`,
      held,
      figures: { messages: n, duplicates, missing, slowestReplyS, apiCalls: calls.length, failedCalls: failed, callsPerMessage: Math.round((calls.length / n) * 10) / 10, callsInsidePause: pauseBroken },
    };
  } finally {
    await s.stop();
  }
}

/**
 * The user revokes Boundary's access mid-run. Must hold: the account becomes needs-reconnect,
 * nothing more is sent, and there is no retry storm: the request count stays flat while
 * notifications and polling continue.
 */
export async function revocationDrill(): Promise<DrillResult> {
  const s = await startDrillService({ engine: 'pglite', inProcessWorkers: true });
  try {
    for (let i = 0; i < 3; i++) {
      await s.emulator.control.injectMessage(client(i, 'before'));
      await s.push();
    }
    await waitFor(async () => (await s.emulator.control.sent()).length >= 3, 20_000);
    await s.emulator.control.fault({ kind: 'revokeTokens' });
    for (let i = 0; i < 3; i++) {
      await s.emulator.control.injectMessage(client(i, 'after'));
      await s.push();
    }
    const status = await waitFor(async () => ((await accountStatus(s)) === 'needs-reconnect' ? 'needs-reconnect' : false), 30_000);
    await sleep(1_000); // jobs already running when the account was marked finish
    const before = await s.emulator.control.requestCount();
    for (let i = 0; i < 6; i++) {
      await s.push(); // more notifications, and a poll every 2 s
      await sleep(500);
    }
    const growth = (await s.emulator.control.requestCount()) - before;
    const sent = (await s.emulator.control.sent()).length;
    const held = status === 'needs-reconnect' && growth === 0 && sent === 3;
    return {
      drill: 'Provider faults: token revoked mid-run (Gmail)',
      mustHold: 'the account becomes needs-reconnect; no reply after revocation; API requests stay flat over 3 s of pushes and polls (no retry storm)',
      observed: `status ${status ?? 'unchanged'}; ${sent} replies (3 before revocation); ${growth} API requests in the 3 s after`,
      held,
      figures: { repliesBefore: 3, repliesTotal: sent, requestsAfter: growth, status: status ?? 'unchanged' },
    };
  } finally {
    await s.stop();
  }
}

/**
 * Google trims the mailbox history while Boundary was not listening. Must hold: the resync answers
 * new mail but nothing older than the backlog cutoff (12 h) nor from before connecting.
 */
export async function expiredHistoryDrill(): Promise<DrillResult> {
  let clock = new Date('2026-11-27T22:00:00Z');
  const s = await startDrillService({
    engine: 'pglite',
    inProcessWorkers: true,
    now: () => clock,
    env: { POLL_INTERVAL_SECONDS: '3600' }, // only pushes: the drill controls when syncs happen
    before: async (emulator) => {
      await emulator.control.injectMessage(client(0, 'preconnect'));
    },
  });
  try {
    clock = new Date(clock.getTime() + 60_000);
    await s.emulator.control.injectMessage(client(0, 'live'));
    await s.push();
    await waitFor(async () => (await s.emulator.control.sent()).length >= 1, 20_000);
    // Mail arrives while pushes are lost, then 13 hours pass and the history is trimmed.
    clock = new Date(clock.getTime() + 60_000);
    await s.emulator.control.injectMessage(client(0, 'missed'));
    clock = new Date(clock.getTime() + 13 * 3_600_000);
    await s.emulator.control.expireHistory();
    await s.emulator.control.injectMessage(client(0, 'fresh'));
    await s.push();
    await waitFor(async () => repliesPerMessage(await s.emulator.control.sent()).has('<fresh0@drill.example>'), 20_000);
    await sleep(1_500);
    const per = repliesPerMessage(await s.emulator.control.sent());
    const resyncs = await s.runtime.database.db.selectFrom('activity').select('id').where('kind', '=', 'sync.resync').execute();
    const answered = (tag: string) => per.has(`<${tag}0@drill.example>`);
    const held = answered('live') && answered('fresh') && !answered('missed') && !answered('preconnect') && resyncs.length >= 1;
    return {
      drill: 'Provider faults: expired history (Gmail)',
      mustHold: 'after history expires, new mail is answered; mail older than the 12 h backlog cutoff and mail from before connecting are not; the resync is logged',
      observed: `new mail ${answered('fresh') ? 'answered' : 'NOT answered'}; 13 h-old mail ${answered('missed') ? 'ANSWERED' : 'not answered'}; pre-connect mail ${answered('preconnect') ? 'ANSWERED' : 'not answered'}; ${resyncs.length} resync logged`,
      held,
      figures: { replies: per.size, resyncs: resyncs.length },
    };
  } finally {
    await s.stop();
  }
}
