import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { endClient, planEnding } from '../../pipeline/client-ending.js';
import { clientProfile } from '../../pipeline/client-profile.js';
import type { PipelineContext } from '../../pipeline/context.js';
import { getClient, replaceClient } from '../../storage/settings-store.js';
import { caller } from '../auth.js';
import { NotFoundError, ValidationError } from '../errors.js';

const Id = Type.Object({ id: Type.String({ minLength: 1 }) });
const AnyObject = Type.Object({}, { additionalProperties: true });
const sec = [{ bearer: [] }];

/** Ending, pausing and the problem-client view of one client (issue 18). */
export function clientEndingRoutes(ctx: PipelineContext) {
  return async (app: FastifyInstance) => {
    const opts = (summary: string, extra: object = {}) => ({ onRequest: app.requireUser, schema: { tags: ['clients'], summary, security: sec, params: Id, ...extra } });
    const id = (req: { params: unknown }) => (req.params as { id: string }).id;

    app.get('/api/clients/:id/ending', opts('What ending this client involves: what is still open on both sides, and the closing note. Changes nothing.'), async (req) => {
      const plan = await planEnding(ctx, caller(req).id, id(req));
      if (!plan) throw new NotFoundError('No such client');
      return plan;
    });

    app.post('/api/clients/:id/end', opts('End this client: drafts the closing note in your mailbox (never sent) and stops automatic replies and nudges. Their mail is still logged.'), async (req) => {
      const ended = await endClient(ctx, caller(req).id, id(req));
      if (!ended) throw new NotFoundError('No such client');
      return ended;
    });

    app.post('/api/clients/:id/status', opts('Pause or resume a client: {"status": "active" | "paused"}. Ending goes through POST /api/clients/:id/end.', { body: AnyObject }), async (req) => {
      const status = (req.body as { status?: unknown }).status;
      if (status === 'ended') throw new ValidationError('To end a client, use POST /api/clients/:id/end: it lists what is still open and drafts a closing note first.');
      if (status !== 'active' && status !== 'paused') throw new ValidationError(`status must be "active" or "paused", not ${JSON.stringify(status ?? null)}`);
      const client = await getClient(ctx.db, caller(req).id, id(req));
      if (!client) throw new NotFoundError('No such client');
      return { client: await replaceClient(ctx.db, caller(req).id, client.id, { ...client, status }, ctx.now()) };
    });

    app.get('/api/clients/:id/profile', opts('Problem client, or a client with a problem? Twelve weeks: after-hours share, chasers, urgency, agreements, trend.'), async (req) => {
      const client = await getClient(ctx.db, caller(req).id, id(req));
      if (!client) throw new NotFoundError('No such client');
      return { client, profile: await clientProfile(ctx.db, caller(req).id, client.id, ctx.now()) };
    });
  };
}
