import type { ChildProcess } from 'node:child_process';
import { spawnWorker } from '../dev/support/processes.js';
import type { DrillResult } from './report.js';
import { ME, repliesPerMessage, sleep, startDrillService, waitFor } from './service.js';

export interface WorkerKillOptions {
  messages: number;
  workers?: number;
  say?: (line: string) => void;
}

/**
 * Invariant 1 under fire: real `boundary worker` processes SIGKILLed at random while after-hours
 * messages arrive, every push notification delivered twice, and Redis restarted once halfway.
 * Must hold: exactly one reply per message (0 duplicates, 0 missing). JOB_LOCK_SECONDS is 3, so a
 * killed worker's jobs are taken over within seconds.
 */
export async function workerKillDrill(opts: WorkerKillOptions): Promise<DrillResult> {
  const n = opts.messages;
  const say = opts.say ?? (() => {});
  const s = await startDrillService({ engine: 'postgres', inProcessWorkers: false });
  const workers: ChildProcess[] = Array.from({ length: opts.workers ?? 2 }, () => spawnWorker(s.workerEnv));
  let kills = 0;
  try {
    const killOne = () => {
      const i = Math.floor(Math.random() * workers.length);
      workers[i]!.kill('SIGKILL');
      workers[i] = spawnWorker(s.workerEnv);
      kills += 1;
    };
    for (let i = 0; i < n; i++) {
      await s.emulator.control.injectMessage({ from: `Client ${i} <client${i}@acme${i % 17}.example>`, to: [ME], subject: `Question ${i}`, headers: { 'Message-ID': `<q${i}@drill.example>` } });
      if (i % 10 === 9) {
        await Promise.all([s.push(), s.push()]); // the same notification twice
        if (Math.random() < 0.5) killOne();
        await sleep(100 + Math.random() * 300);
      }
      if (i === Math.floor(n / 2)) {
        say(`  worker kills: ${i} messages in, restarting Redis`);
        await s.redis.restart();
      }
      if (i % 100 === 99) say(`  worker kills: ${i + 1}/${n} messages injected, ${kills} kills so far`);
    }
    await s.push();
    const ids = Array.from({ length: n }, (_, i) => `<q${i}@drill.example>`);
    // Only replies to the drill's messages count: the user's digest may go out meanwhile.
    await waitFor(async () => {
      const per = repliesPerMessage(await s.emulator.control.sent());
      return ids.every((id) => per.has(id)) || undefined;
    }, 60_000 + n * 300);
    await sleep(3_000); // a straggler that would duplicate has time to show up
    // The user's digest may go out during the drill (08:00 in Tirane is 07:00 UTC); every other
    // mail sent must be one of the n replies.
    const mail = (await s.emulator.control.sent()).filter((m) => !/^x-boundary-digest:/im.test(m.raw));
    const per = repliesPerMessage(mail);
    const replies = mail.length;
    const duplicates = [...per.values()].filter((c) => c > 1).length;
    const missing = ids.filter((id) => !per.has(id)).length;
    const held = duplicates === 0 && missing === 0 && replies === n;
    return {
      drill: 'Worker kills',
      mustHold: `${n} after-hours messages with ${workers.length} workers SIGKILLed at random, duplicate pushes and 1 Redis restart get exactly ${n} replies: 0 duplicates, 0 missing`,
      observed: `${replies} replies, ${duplicates} duplicates, ${missing} missing (${kills} worker kills, 1 Redis restart)`,
      held,
      figures: { messages: n, replies, duplicates, missing, kills, redisRestarts: 1 },
    };
  } finally {
    for (const w of workers) w.kill('SIGKILL');
    await s.stop();
  }
}
