import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

/**
 * GET /metrics in the Prometheus text format. Open like /healthz: it carries counts and queue
 * depths only, never addresses, ids or tokens; keep it off the public network (scrape it inside).
 */
export function metricsRoutes(deps: { registry: Registry }) {
  return async (app: FastifyInstance) => {
    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
      const body = await deps.registry.metrics();
      return reply.type(deps.registry.contentType).send(body);
    });
  };
}

/** For a worker-only process: /metrics and /healthz, nothing else. */
export async function workerMetricsServer(registry: Registry): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(metricsRoutes({ registry }));
  app.get('/healthz', async () => ({ status: 'ok' }));
  return app;
}
