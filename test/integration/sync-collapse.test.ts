import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Job } from 'bullmq';
import { requestMailSync, syncGenerationKey } from '../../src/pipeline/sync-mailbox.js';
import type { Runtime } from '../../src/runtime.js';
import { startWorkers } from '../../workers/main.js';
import { syncMailboxProcessor } from '../../workers/processors/sync-mailbox.js';
import { testRuntime } from '../../dev/support/runtime.js';

/** Notifications collapse into one pending sync per account, and none is lost while a sync finishes. */
describe('collapsed mailbox syncs', () => {
  let runtime: Runtime;
  const pending = async (accountId: string) => (await runtime.producer.queue('sync').getJobs(['waiting', 'delayed', 'active'])).filter((j) => j?.data.accountId === accountId);
  beforeAll(async () => {
    runtime = await testRuntime();
    await runtime.producer.queue('sync').waitUntilReady();
  });
  afterAll(async () => runtime?.close());

  it('keeps one pending sync per account however many notifications arrive, counting each', async () => {
    const prefix = runtime.config.queuePrefix;
    for (let i = 0; i < 5; i++) await requestMailSync(runtime.pipeline, 'acct-a', 'push');
    expect((await pending('acct-a')).map((j) => j.id)).toEqual(['sync-mailbox-acct-a']);
    expect(await runtime.redis.get(syncGenerationKey(prefix, 'acct-a'))).toBe('5');
  });

  it('asks for one more sync when a notification landed while the last one was finishing', async () => {
    const prefix = runtime.config.queuePrefix;
    const { afterCompleted } = syncMailboxProcessor(runtime.pipeline);
    const job = { data: { accountId: 'acct-b' } } as Job;
    await runtime.redis.set(syncGenerationKey(prefix, 'acct-b'), '7');
    await afterCompleted(job, { passes: [], generation: '7' }); // nothing new since its last check
    expect(await pending('acct-b')).toEqual([]);
    await runtime.redis.set(syncGenerationKey(prefix, 'acct-b'), '8'); // collapsed into the finishing job
    await afterCompleted(job, { passes: [], generation: '7' });
    expect((await pending('acct-b')).map((j) => j.data.reason)).toEqual(['arrived while the last sync finished']);
  });

  it('still asks for a sync when notifications kept arriving through its last allowed pass', async () => {
    const prefix = runtime.config.queuePrefix;
    const key = syncGenerationKey(prefix, 'acct-d');
    // A push lands during every pass: each check after a pass finds the counter moved.
    const real = runtime.redis;
    const busy = new Proxy(real, {
      get: (target, prop) => (prop === 'get' ? async (k: string) => (await target.incr(k), target.get(k)) : Reflect.get(target, prop, target)),
    });
    const { afterCompleted } = syncMailboxProcessor(runtime.pipeline);
    const run = syncMailboxProcessor({ ...runtime.pipeline, redis: busy });
    const job = { data: { accountId: 'acct-d' } } as Job;
    const result = await run({ accountId: 'acct-d' }, job);
    expect(result.passes).toHaveLength(5);
    // What arrived during the last pass was not read by it: one more sync must follow.
    await afterCompleted(job, result);
    expect((await pending('acct-d')).map((j) => j.data.reason)).toEqual(['arrived while the last sync finished']);
    expect(Number(await real.get(key))).toBeGreaterThan(Number(result.generation));
  });

  it('runs a processor’s after-completion step once its job has left the queue', async () => {
    const seen: Array<{ id: string | undefined; stillQueued: boolean }> = [];
    const processor = Object.assign(async () => ({ generation: null }), {
      afterCompleted: async (job: Job) => {
        seen.push({ id: job.id, stillQueued: (await runtime.producer.queue('sync').getJob(job.id!)) !== undefined });
      },
    });
    const workers = startWorkers(runtime, { 'sync-mailbox': processor });
    try {
      await runtime.producer.add('sync-mailbox', { accountId: 'acct-c', reason: 'test' }, { jobId: 'sync-mailbox-acct-c' });
      // (The jobs the tests above left queued run too; each is already gone when its step runs.)
      await vi.waitFor(() => expect(seen.filter((s) => s.id === 'sync-mailbox-acct-c')).toEqual([{ id: 'sync-mailbox-acct-c', stillQueued: false }]), { timeout: 10_000 });
      expect(seen.every((s) => !s.stillQueued)).toBe(true);
    } finally {
      await workers.close(5_000);
    }
  });
});
