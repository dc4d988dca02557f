import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { registerErrorHandler } from './errors.js';
import { healthRoutes, type HealthDeps } from './routes/health.js';

export interface AppDeps {
  health: HealthDeps;
  version: string;
  /** Further route plugins registered by the composition root (api, webhooks, web pages). */
  routes?: Array<(app: FastifyInstance) => Promise<void>>;
}

/** The whole HTTP surface as one plugin: tests build it and use `inject`, server.ts listens. */
const app: FastifyPluginAsync<AppDeps> = async (fastify, deps) => {
  registerErrorHandler(fastify);
  await fastify.register(swagger, {
    openapi: {
      info: { title: 'Boundary API', version: deps.version, description: 'Working hours, polite auto-replies and daily digests for your mailbox.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token from `boundary user create`.' } } },
    },
  });
  await fastify.register(swaggerUi, {
    routePrefix: '/docs',
    // Swagger UI's React sets style attributes, which the app-wide CSP ('style-src self') blocks.
    // Only /docs allows inline styles; scripts stay same-origin files, and it shows no user data.
    staticCSP: "default-src 'self'; base-uri 'none'; object-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; form-action 'self'",
  });
  await fastify.register(healthRoutes, deps.health);
  for (const register of deps.routes ?? []) await register(fastify);
};

export const buildApp = fp(app, { name: 'boundary-app', fastify: '5.x' });
