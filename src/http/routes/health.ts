import type { FastifyPluginAsync } from 'fastify';

export interface HealthDeps {
  checks: Record<string, () => Promise<void>>;
}

const TIMEOUT_MS = 1_500;

function withTimeout(p: Promise<void>): Promise<void> {
  return Promise.race([p, new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref())]);
}

export const healthRoutes: FastifyPluginAsync<HealthDeps> = async (app, { checks }) => {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'Liveness: the process is up.' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['health'], summary: 'Readiness: Redis and the database answer.' } }, async (_req, reply) => {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check());
          return [name, { status: 'up' }] as const;
        } catch (err) {
          return [name, { status: 'down', reason: (err as Error).message }] as const;
        }
      }),
    );
    const components = Object.fromEntries(entries);
    const down = entries.filter(([, c]) => c.status === 'down').map(([n]) => n);
    if (down.length > 0) return reply.status(503).send({ status: 'unavailable', down, components });
    return { status: 'ready', components };
  });
};
