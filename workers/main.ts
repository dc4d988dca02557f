import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Value } from '@sinclair/typebox/value';
import { JOBS, QUEUES, type JobName, type JobPayload, type QueueName } from '../src/jobs/definitions.js';
import { observe, workerConnection } from '../src/jobs/redis.js';
import type { Runtime } from '../src/runtime.js';

export type Processor<N extends JobName> = ((payload: JobPayload<N>, job: Job, token?: string) => Promise<unknown>) & {
  /** Runs once the job has completed and left the queue (its id is free again). */
  afterCompleted?: (job: Job, result: unknown) => Promise<void>;
};
export type Processors = { [N in JobName]?: Processor<N> };

export interface RunningWorkers {
  close(timeoutMs: number): Promise<void>;
}

/**
 * One BullMQ worker per queue, dispatching by job name. A payload that fails its schema can never
 * succeed, so it is failed for good instead of retried.
 */
export function startWorkers(runtime: Runtime, processors: Processors, opts: { concurrency?: Partial<Record<QueueName, number>> } = {}): RunningWorkers {
  const { config, logger } = runtime;
  const workers = QUEUES.map((queue) => {
    const connection = observe(workerConnection(config.redisUrl), (err) => logger.warn({ err: err.message, queue }, 'worker redis problem'));
    const worker = new Worker(
      queue,
      async (job, token) => {
        const name = job.name as JobName;
        const def = JOBS[name];
        const processor = processors[name] as Processor<JobName> | undefined;
        if (!def || !processor) throw new UnrecoverableError(`No processor for job ${job.name} on queue ${queue}`);
        if (!Value.Check(def.payload, job.data)) throw new UnrecoverableError(`Invalid payload for ${job.name}`);
        return processor(job.data as JobPayload<JobName>, job, token);
      },
      {
        connection,
        prefix: config.queuePrefix,
        concurrency: opts.concurrency?.[queue] ?? 4,
        autorun: true,
        // A job whose worker died is taken over after this long; every step is safe to repeat.
        lockDuration: config.jobLockSeconds * 1000,
        stalledInterval: config.jobLockSeconds * 1000,
      },
    );
    worker.on('completed', (job, result) => {
      const after = (processors[job.name as JobName] as Processor<JobName> | undefined)?.afterCompleted;
      after?.(job, result).catch((err: Error) => logger.warn({ job: job.name, jobId: job.id, err: err.message }, 'after-completion step failed'));
    });
    worker.on('failed', (job, err) => logger.warn({ job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
    worker.on('error', (err) => logger.warn({ queue, err: err.message }, 'worker error'));
    return { worker, connection };
  });
  logger.info({ queues: QUEUES }, 'workers started');
  return {
    async close(timeoutMs) {
      // Stop taking new jobs, let running ones finish, but never hang shutdown forever.
      const drained = Promise.all(workers.map(({ worker }) => worker.close()));
      const timedOut = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
      if ((await Promise.race([drained, timedOut])) === 'timeout') {
        logger.warn({ timeoutMs }, 'jobs still running at shutdown; closing anyway (they will be retried)');
        await Promise.all(workers.map(({ worker }) => worker.close(true)));
      }
      for (const { connection } of workers) connection.disconnect();
    },
  };
}
