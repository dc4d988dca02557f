import type { FastifyInstance } from 'fastify';
import { disconnectAccount } from '../../pipeline/disconnect.js';
import type { Runtime } from '../../runtime.js';
import { authPlugin } from '../auth.js';
import { accountRoutes } from './accounts.js';
import { activityRoutes } from './activity.js';
import { clientRoutes } from './clients.js';
import { settingsRoutes } from './settings.js';

/** The API route plugins, wired to the runtime. Each feature adds its plugin here. */
export function apiRoutes(runtime: Runtime): Array<(app: FastifyInstance) => Promise<void>> {
  const { db } = runtime.database;
  const ctx = runtime.pipeline;
  return [
    async (app) => {
      await app.register(authPlugin, { db });
    },
    settingsRoutes({ db, now: runtime.now }),
    clientRoutes(ctx),
    accountRoutes({ db, now: runtime.now, disconnect: (account) => disconnectAccount(ctx, account, async () => {}) }),
    activityRoutes({ db }),
  ];
}
