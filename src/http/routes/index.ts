import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../runtime.js';

/** The API route plugins, wired to the runtime. Each feature adds its plugin here. */
export function apiRoutes(_runtime: Runtime): Array<(app: FastifyInstance) => Promise<void>> {
  return [];
}
