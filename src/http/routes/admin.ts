import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { sendNotFound } from '../web/error-page.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The BullMQ queue dashboard, for signed-in users whose email is in ADMIN_EMAILS. Everyone else
 * (signed out, or not an admin) gets the same 404 as an unknown path, so the page is not advertised.
 */
export function adminRoutes(deps: { adminEmails: string[]; queues: Queue[] }) {
  const admins = new Set(deps.adminEmails.map((e) => e.toLowerCase()));
  return async (app: FastifyInstance) => {
    if (admins.size === 0) return;
    const board = new FastifyAdapter();
    createBullBoard({ queues: deps.queues.map((q) => new BullMQAdapter(q)), serverAdapter: board, options: { uiConfig: { boardTitle: 'Boundary queues' } } });
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    await app.register(
      async (scope) => {
        scope.addHook('onRequest', async (req, reply) => {
          if (req.user && admins.has(req.user.email.toLowerCase())) return;
          await sendNotFound(req, reply);
        });
        await scope.register(board.registerPlugin());
      },
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  };
}
