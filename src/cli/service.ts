import type { ChildProcess } from 'node:child_process';
import type { Config } from '../../config/load.js';
import { startWorkers, type RunningWorkers } from '../../workers/main.js';
import { buildProcessors } from '../../workers/processors/index.js';
import { upsertServiceSchedules } from '../pipeline/schedules.js';
import { startDigestSchedules } from '../pipeline/digest-schedule.js';
import { startFollowUpSchedules } from '../pipeline/follow-up-schedule.js';
import { digestDelivery } from '../pipeline/digest-send.js';
import { alertDelivery } from '../pipeline/alerts/delivery.js';
import { createRuntime } from '../runtime.js';
import { buildServer } from '../server.js';
import { workerMetricsServer } from '../http/metrics.js';
import { ensureRedis } from './local-redis.js';
import { serveAdminSocket } from './admin-socket.js';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/**
 * Runs the API and/or workers until SIGTERM/SIGINT, then shuts down in order: stop accepting
 * requests, let running jobs finish (bounded), close queues, quit Redis, close the database.
 * Resolves -1 so the caller leaves the exit code alone while the service runs.
 */
export async function runService(config: Config, opts: { api: boolean; workers?: boolean; imapWatch?: boolean; io: Io }): Promise<number> {
  const runWorkers = opts.workers ?? config.runWorkers;
  let localRedis: ChildProcess | null = null;
  if (opts.api) localRedis = await ensureRedis({ url: config.redisUrl, explicit: config.redisUrlExplicit, dataDir: config.dataDir, say: opts.io.err });
  const runtime = await createRuntime(config);
  // The embedded database is this process's alone: CLI data commands come through this socket.
  const adminSocket =
    runtime.database.engine === 'pglite'
      ? await serveAdminSocket(config, runtime.database.db, (err) => runtime.logger.warn({ err: err.message }, 'admin socket command failed')).catch(async (err: unknown) => {
          await runtime.close();
          throw err;
        })
      : null;
  const app = opts.api ? await buildServer(runtime) : null;
  const workers: RunningWorkers | null = runWorkers ? startWorkers(runtime, buildProcessors(runtime.pipeline, digestDelivery(config), alertDelivery(config))) : null;
  const imapWatcher = opts.imapWatch ? (await import('../../workers/imap-watch.js')).startImapWatcher(runtime) : null;
  if (workers) await upsertServiceSchedules(runtime.pipeline, config.pollIntervalSeconds);
  if (workers) await startDigestSchedules(runtime.pipeline);
  if (workers) await startFollowUpSchedules(runtime.pipeline);
  // A worker-only process has no API to scrape; its counters (replies, provider errors) are its own.
  const metricsApp = !app && workers && config.workerMetricsPort !== null ? await workerMetricsServer(runtime.metrics.registry) : null;
  if (metricsApp) await metricsApp.listen({ host: config.host, port: config.workerMetricsPort! });
  if (app) {
    await app.listen({ host: config.host, port: config.port });
    runtime.logger.info(
      { url: config.publicUrl, database: runtime.database.engine, workers: Boolean(workers) },
      `Boundary is running at ${config.publicUrl} (API docs at ${config.publicUrl}/docs)`,
    );
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5_000).unref();
    try {
      await app?.close();
      await adminSocket?.close();
      await metricsApp?.close();
      await imapWatcher?.close();
      await workers?.close(config.shutdownTimeoutMs);
      await runtime.close();
      localRedis?.kill('SIGTERM');
    } finally {
      clearTimeout(force);
      process.exitCode = 0;
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return -1;
}
