import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { DUE_HINT, parseDue, parseExpectationChange, parseNewExpectation } from '../../domain/follow-up/expectation-input.js';
import type { Expectation } from '../../domain/follow-up/expectations.js';
import { acceptSuggestion, changeExpectation } from '../../pipeline/follow-up-expectations.js';
import type { Db } from '../../storage/db.js';
import { closeSuggestion, deleteExpectation, getExpectation, getSuggestion, insertExpectation, listExpectations, pendingSuggestions, type SuggestionRow } from '../../storage/expectations.js';
import { getClient, getSettings } from '../../storage/settings-store.js';
import { caller } from '../auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';

const ClientId = Type.Object({ id: Type.String({ minLength: 1 }) });
const ItemId = Type.Object({ id: Type.String({ minLength: 1 }), expectationId: Type.String({ minLength: 1 }) });
const AnyObject = Type.Object({}, { additionalProperties: true });
const Accept = Type.Object(
  { clientId: Type.Optional(Type.String({ minLength: 1 })), title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })), dueAt: Type.Optional(Type.String({ minLength: 1 })) },
  { additionalProperties: false },
);
const sec = [{ bearer: [] }];

function suggestionView(s: SuggestionRow) {
  return { id: s.id, clientId: s.client_id, threadId: s.thread_id, kind: s.kind, title: s.title, party: s.party, dateText: s.date_text, dueAt: s.due_at.toISOString(), createdAt: s.created_at.toISOString() };
}

export function expectationRoutes(deps: { db: Db; now: () => Date }) {
  const { db, now } = deps;
  const zoneOf = async (userId: string) => (await getSettings(db, userId)).settings.timeZone;
  const ownedClient = async (userId: string, id: string) => {
    if (!(await getClient(db, userId, id))) throw new NotFoundError('No such client');
  };
  const owned = async (userId: string, clientId: string, id: string): Promise<Expectation> => {
    await ownedClient(userId, clientId);
    const e = await getExpectation(db, userId, clientId, id);
    if (!e) throw new NotFoundError('No such expectation');
    return e;
  };

  return async (app: FastifyInstance) => {
    const opts = (summary: string, extra: object = {}) => ({ onRequest: app.requireUser, schema: { tags: ['expectations'], summary, security: sec, ...extra } });

    app.get('/api/clients/:id/expectations', opts("What you agreed with this client, each with its status and history.", { params: ClientId }), async (req) => {
      const userId = caller(req).id;
      const { id } = req.params as { id: string };
      await ownedClient(userId, id);
      return { expectations: await listExpectations(db, userId, id) };
    });

    app.post('/api/clients/:id/expectations', opts('Record an agreement: response-time, deliverable, payment, meetings-in-hours, revision-limit or free-text.', { params: ClientId, body: AnyObject }), async (req, reply) => {
      const userId = caller(req).id;
      const { id } = req.params as { id: string };
      await ownedClient(userId, id);
      const parsed = parseNewExpectation(req.body, await zoneOf(userId));
      if (!parsed.ok) throw new ValidationError(`Invalid expectation: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, parsed.issues);
      const created = await insertExpectation(db, userId, id, parsed.value, now(), 'manual', 'recorded by you');
      // Evaluate at once: a deliverable due today is "due" from the start.
      const expectation = (await changeExpectation(db, userId, created, {}, now())) ?? created;
      return reply.status(201).send({ expectation });
    });

    app.get('/api/clients/:id/expectations/:expectationId', opts('One expectation with its history.', { params: ItemId }), async (req) => {
      const { id, expectationId } = req.params as { id: string; expectationId: string };
      return { expectation: await owned(caller(req).id, id, expectationId) };
    });

    app.patch('/api/clients/:id/expectations/:expectationId', opts('Change the title, due date or numbers, or mark it met, broken or open again (with a reason).', { params: ItemId, body: AnyObject }), async (req) => {
      const userId = caller(req).id;
      const { id, expectationId } = req.params as { id: string; expectationId: string };
      const e = await owned(userId, id, expectationId);
      const parsed = parseExpectationChange(req.body, e.kind, await zoneOf(userId));
      if (!parsed.ok) throw new ValidationError(`Invalid change: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, parsed.issues);
      const expectation = await changeExpectation(db, userId, e, parsed.value, now());
      if (!expectation) throw new ConflictError('The expectation changed meanwhile; read it again and retry.');
      return { expectation };
    });

    app.delete('/api/clients/:id/expectations/:expectationId', opts('Forget an expectation.', { params: ItemId }), async (req, reply) => {
      const userId = caller(req).id;
      const { id, expectationId } = req.params as { id: string; expectationId: string };
      await ownedClient(userId, id);
      if (!(await deleteExpectation(db, userId, id, expectationId))) throw new NotFoundError('No such expectation');
      return reply.status(204).send();
    });

    app.get('/api/expectations/suggestions', opts('Commitments with a date found in mail, waiting for you to accept or dismiss. Never facts until you accept.'), async (req) => ({
      suggestions: (await pendingSuggestions(db, caller(req).id)).map(suggestionView),
    }));

    app.post('/api/expectations/suggestions/:id/accept', opts('Turn a suggestion into an expectation; optionally correct the client, title or due date.', { params: ClientId, body: Type.Optional(Accept) }), async (req, reply) => {
      const userId = caller(req).id;
      const body = (req.body ?? {}) as { clientId?: string; title?: string; dueAt?: string };
      const s = await getSuggestion(db, userId, (req.params as { id: string }).id);
      if (!s) throw new NotFoundError('No such suggestion');
      if (s.status !== 'pending') throw new ConflictError(`This suggestion was already ${s.status}.`);
      const clientId = body.clientId ?? s.client_id;
      if (!clientId) throw new ValidationError('Which client is this agreement with?', [{ path: 'clientId', message: 'the message came from someone who is not a listed client; give a client id' }]);
      if (!(await getClient(db, userId, clientId))) throw new ValidationError('No such client', [{ path: 'clientId', message: 'no client with this id' }]);
      const dueAt = body.dueAt !== undefined ? parseDue(body.dueAt, await zoneOf(userId)) : s.due_at.toISOString();
      if (!dueAt) throw new ValidationError('Invalid due date', [{ path: 'dueAt', message: DUE_HINT }]);
      const expectation = await acceptSuggestion(db, userId, s, { clientId, title: body.title ?? s.title, dueAt }, now());
      if (!expectation) throw new ConflictError('This suggestion was already handled.');
      return reply.status(201).send({ expectation });
    });

    app.post('/api/expectations/suggestions/:id/dismiss', opts('Dismiss a suggestion; it does not come back.', { params: ClientId }), async (req, reply) => {
      const userId = caller(req).id;
      const id = (req.params as { id: string }).id;
      if (!(await getSuggestion(db, userId, id))) throw new NotFoundError('No such suggestion');
      await closeSuggestion(db, userId, id, 'dismissed');
      return reply.status(204).send();
    });
  };
}
