import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { PipelineContext } from '../../pipeline/context.js';
import { parseClient, suggestClients } from '../../pipeline/clients.js';
import { refuseOverlap } from './client-overlap.js';
import { deleteClient, getClient, insertClient, listClients, replaceClient } from '../../storage/settings-store.js';
import { caller } from '../auth.js';
import { NotFoundError } from '../errors.js';

const Id = Type.Object({ id: Type.String({ minLength: 1 }) });
const AnyObject = Type.Object({}, { additionalProperties: true });
const sec = [{ bearer: [] }];

export function clientRoutes(ctx: PipelineContext) {
  return async (app: FastifyInstance) => {
    const opts = (summary: string, extra: object = {}) => ({ onRequest: app.requireUser, schema: { tags: ['clients'], summary, security: sec, ...extra } });

    app.get('/api/clients', opts('Your clients, with their overrides.'), async (req) => ({ clients: await listClients(ctx.db, caller(req).id) }));

    app.get('/api/clients/suggestions', opts('People you write to who are not clients yet (from sent-mail metadata, never bodies).'), async (req) => ({
      suggestions: await suggestClients(ctx, caller(req).id),
    }));

    app.post('/api/clients', opts('Add a client: name, addresses and/or domains, optional overrides.', { body: AnyObject }), async (req, reply) => {
      const parsed = parseClient(req.body);
      await refuseOverlap(ctx.db, caller(req).id, parsed);
      const client = await insertClient(ctx.db, caller(req).id, parsed, ctx.now());
      return reply.status(201).send({ client });
    });

    app.get('/api/clients/:id', opts('One client.', { params: Id }), async (req) => {
      const client = await getClient(ctx.db, caller(req).id, (req.params as { id: string }).id);
      if (!client) throw new NotFoundError('No such client');
      return { client };
    });

    app.put('/api/clients/:id', opts('Replace a client.', { params: Id, body: AnyObject }), async (req) => {
      const { id } = req.params as { id: string };
      const parsed = parseClient(req.body);
      await refuseOverlap(ctx.db, caller(req).id, parsed, id);
      const client = await replaceClient(ctx.db, caller(req).id, id, parsed, ctx.now());
      if (!client) throw new NotFoundError('No such client');
      return { client };
    });

    app.delete('/api/clients/:id', opts('Remove a client.', { params: Id }), async (req, reply) => {
      if (!(await deleteClient(ctx.db, caller(req).id, (req.params as { id: string }).id, ctx.now()))) throw new NotFoundError('No such client');
      return reply.status(204).send();
    });
  };
}
