import { Gauge } from 'prom-client';
import { QUEUES, type QueueName } from '../jobs/definitions.js';
import type { JobProducer } from '../jobs/producer.js';
import { accountSyncStats, type AccountSyncStats } from '../storage/account-stats.js';
import type { Db } from '../storage/db.js';
import type { Metrics } from './registry.js';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

export interface ScrapeSources {
  db: Db;
  producer: JobProducer;
  now: () => Date;
}

/**
 * Gauges computed when Prometheus scrapes, so the hot path pays nothing for them. When Redis or
 * the database is unreachable the gauge is left empty rather than reporting a stale figure.
 */
export function registerScrapeGauges(metrics: Metrics, sources: ScrapeSources): void {
  const registers = [metrics.registry];
  new Gauge({
    name: 'boundary_queue_jobs',
    help: 'Jobs per queue and state, from BullMQ getJobCounts at scrape time.',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      this.reset();
      await Promise.all(
        QUEUES.map(async (queue: QueueName) => {
          const counts = await sources.producer.queue(queue).getJobCounts(...JOB_STATES).catch(() => null);
          for (const state of JOB_STATES) if (counts) this.set({ queue, state }, counts[state] ?? 0);
        }),
      );
    },
  });
  // The account gauges share one query per scrape: prom-client collects all metrics concurrently,
  // so the in-flight promise is shared and dropped once it settles.
  let inflight: Promise<AccountSyncStats | null> | null = null;
  const accountStats = () =>
    (inflight ??= accountSyncStats(sources.db, sources.now())
      .catch(() => null)
      .finally(() => {
        inflight = null;
      }));
  new Gauge({
    name: 'boundary_accounts',
    help: 'Connected accounts by status.',
    labelNames: ['status'],
    registers,
    async collect() {
      this.reset();
      const stats = await accountStats();
      for (const [status, n] of Object.entries(stats?.byStatus ?? {})) this.set({ status }, n);
    },
  });
  new Gauge({
    name: 'boundary_sync_lag_seconds',
    help: 'Seconds since the least recently synced reachable account last synced (accounts.last_synced_at).',
    registers,
    async collect() {
      this.reset();
      const stats = await accountStats();
      if (stats) this.set(stats.maxLagSeconds);
    },
  });
  new Gauge({
    name: 'boundary_accounts_never_synced',
    help: 'Reachable accounts that have not completed a mailbox sync since connecting.',
    registers,
    async collect() {
      this.reset();
      const stats = await accountStats();
      if (stats) this.set(stats.neverSynced);
    },
  });
}
