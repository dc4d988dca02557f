import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { buildApp } from './http/app.js';
import type { Runtime } from './runtime.js';
import { apiRoutes } from './http/routes/index.js';

export const VERSION = '0.1.0';

/** Builds the HTTP app for a runtime (tests use `inject` on the result; `listen` is the caller's). */
export async function buildServer(runtime: Runtime): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: runtime.logger as FastifyBaseLogger,
    trustProxy: runtime.config.trustProxy,
    bodyLimit: 1_048_576,
    // Signed login links carry their claims in the path.
    routerOptions: { maxParamLength: 512 },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  });
  // Requests still running when shutdown starts end their connection with their response: a
  // keep-alive socket made idle after close() began would hold it open for the 72 s keep-alive.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  await app.register(buildApp, {
    version: VERSION,
    health: {
      checks: {
        database: () => runtime.database.ping(),
        redis: async () => {
          if (runtime.redis.status !== 'ready') throw new Error(`redis is ${runtime.redis.status}`);
          await runtime.redis.ping();
        },
      },
    },
    routes: apiRoutes(runtime),
  });
  return app;
}
