import type { Runtime } from '../../src/runtime.js';

/** Waits until no sync or send job is waiting, running or delayed: the pipeline is done with what it was given. */
export async function queuesIdle(runtime: Runtime, pollMs = 20): Promise<void> {
  for (;;) {
    let busy = 0;
    for (const q of ['sync', 'send'] as const) {
      const c = await runtime.producer.queue(q).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      busy += (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0);
    }
    if (busy === 0) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
