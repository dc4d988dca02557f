import { Value } from '@sinclair/typebox/value';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOBS, QUEUES, type JobName, type JobPayload, type QueueName, type ScheduledJob } from './definitions.js';

export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
}

/** The only way the rest of the app puts work on a queue: payloads are checked against their schema. */
export class JobProducer {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly redis: Redis,
    /** Prefix of every queue and of the Redis keys the job layer keeps beside them (pauses, slots, counters). */
    readonly prefix: string,
    onError: (err: Error) => void = () => {},
  ) {
    for (const name of QUEUES) {
      const queue = new Queue(name, { connection: redis, prefix });
      // Connection errors are reported by /readyz; without a listener they would be printed raw.
      queue.on('error', onError);
      this.queues.set(name, queue);
    }
  }

  queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  async add<N extends JobName>(name: N, payload: JobPayload<N>, opts: JobsOptions & { jobId: string }): Promise<void> {
    const def = JOBS[name];
    if (!Value.Check(def.payload, payload)) {
      const first = [...Value.Errors(def.payload, payload)][0];
      throw new TypeError(`Invalid ${name} payload: ${first?.path || '/'} ${first?.message ?? ''}`.trim());
    }
    if (this.redis.status !== 'ready') throw new QueueUnavailableError(`Redis is ${this.redis.status}; cannot enqueue ${name}`);
    await this.queue(def.queue).add(name, payload, { ...def.options, ...opts });
  }

  /** Creates or updates a service-wide scheduler (restarts and several workers are harmless). */
  async schedule(name: ScheduledJob, every: number): Promise<void> {
    const def = JOBS[name];
    await this.queue(def.queue).upsertJobScheduler(name, { every }, { name, data: {}, opts: def.options });
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
