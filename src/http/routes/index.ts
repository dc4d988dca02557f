import type { FastifyInstance } from 'fastify';
import { disconnectAccount } from '../../pipeline/disconnect.js';
import { revokeGrant } from '../../pipeline/providers.js';
import type { Runtime } from '../../runtime.js';
import { authPlugin } from '../auth.js';
import { sessionResolver, webRoutes, webSecurity } from '../web/index.js';
import { accountRoutes } from './accounts.js';
import { activityRoutes } from './activity.js';
import { expectationRoutes } from './expectations.js';
import { agreementRoutes } from './agreements.js';
import { reminderRoutes } from './reminders.js';
import { adminRoutes } from './admin.js';
import { metricsRoutes } from '../metrics.js';
import { rejectNulCharacters } from '../nul-guard.js';
import { rejectOversizedJson } from '../body-shape.js';
import { QUEUES } from '../../jobs/definitions.js';
import { clientEndingRoutes } from './client-ending.js';
import { clientRoutes } from './clients.js';
import { connectRoutes } from './connect.js';
import { imapConnectRoutes } from './imap-connect.js';
import { verifiedPubsubPush, webhookRoutes } from './webhooks.js';
import { VerifiedTokens } from '../verified-tokens.js';
import { settingsRoutes } from './settings.js';
import { tokenRoutes } from './tokens.js';
import { digestRoutes } from './digests.js';
import { heldRoutes } from './held.js';
import { draftRoutes } from './drafts.js';
import { moneyRoutes } from './money.js';
import { alertRoutes } from './alerts.js';
import { alertDelivery } from '../../pipeline/alerts/delivery.js';
import { rescheduleDigest } from '../../pipeline/digest-schedule.js';

/** The API route plugins, wired to the runtime. Each feature adds its plugin here. */
export function apiRoutes(runtime: Runtime): Array<(app: FastifyInstance) => Promise<void>> {
  const { db } = runtime.database;
  const ctx = runtime.pipeline;
  // Shared: the limiter lets a push whose token already verified through without a per-source count.
  const pushTokens = new VerifiedTokens();
  return [
    async (app) => {
      // Security headers, rate limits and CSRF first, so their hooks cover every route below.
      await app.register(webSecurity, { redis: runtime.redis, namespace: runtime.config.queuePrefix, https: runtime.config.publicUrl.startsWith('https://'), origin: new URL(runtime.config.publicUrl).origin, alreadyVerified: verifiedPubsubPush(pushTokens) });
      await app.register(authPlugin, { db, now: runtime.now, resolvers: [sessionResolver(db, runtime.now)] });
    },
    async (app) => {
      app.addHook('preValidation', rejectOversizedJson);
      app.addHook('preValidation', rejectNulCharacters);
    },
    webRoutes(runtime),
    settingsRoutes({ db, now: runtime.now, onChange: (userId) => rescheduleDigest(ctx, userId) }),
    digestRoutes({ db }),
    tokenRoutes({ db, now: runtime.now }),
    clientRoutes(ctx),
    clientEndingRoutes(ctx),
    accountRoutes({ db, now: runtime.now, disconnect: (account) => disconnectAccount(ctx, account, (a) => revokeGrant(runtime.config, runtime.cipher, a)) }),
    activityRoutes({ db }),
    expectationRoutes({ db, now: runtime.now }),
    agreementRoutes({ db, now: runtime.now }),
    reminderRoutes({ db, now: runtime.now }),
    heldRoutes(ctx),
    draftRoutes(ctx, runtime.config),
    moneyRoutes({ db, now: runtime.now }),
    alertRoutes(ctx, alertDelivery(runtime.config)),
    metricsRoutes({ registry: runtime.metrics.registry }),
    adminRoutes({ adminEmails: runtime.config.adminEmails, queues: QUEUES.map((q) => runtime.producer.queue(q)) }),
    connectRoutes(ctx, runtime.config),
    imapConnectRoutes(ctx, runtime.config),
    webhookRoutes(ctx, runtime.config, pushTokens),
  ];
}
