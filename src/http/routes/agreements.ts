import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { CONTRACT_STATUSES, effectiveStatus, type ContractChange, type ContractState } from '../../domain/agreements/contract.js';
import { parseDue, DUE_HINT } from '../../domain/follow-up/expectation-input.js';
import { dismissContractSuggestion, setContract } from '../../pipeline/contracts.js';
import { confirmRecap } from '../../pipeline/recaps.js';
import { closeRecap, getContract, getRecap, listRecaps, type RecapRow } from '../../storage/agreements.js';
import type { Db } from '../../storage/db.js';
import { getClient, getSettings } from '../../storage/settings-store.js';
import { caller } from '../auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';

const Id = Type.Object({ id: Type.String({ minLength: 1 }) });
const DateField = Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()]));
const ContractBody = Type.Object(
  { status: Type.Union(CONTRACT_STATUSES.map((s) => Type.Literal(s))), sentAt: DateField, signedAt: DateField, expiresAt: DateField, note: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])) },
  { additionalProperties: false },
);
const ConfirmBody = Type.Object({ clientId: Type.Optional(Type.String({ minLength: 1 })), title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })) }, { additionalProperties: false });
const RecapQuery = Type.Object({ status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('dismissed')])), clientId: Type.Optional(Type.String({ minLength: 1 })) });
const sec = [{ bearer: [] }];

export function contractView(clientId: string, state: ContractState, now: Date) {
  return { clientId, ...state, status: effectiveStatus(state, DateTime.fromJSDate(now, { zone: 'utc' })), recordedStatus: state.status };
}

export function recapView(r: RecapRow) {
  return { id: r.id, clientId: r.client_id, threadId: r.thread_id, subject: r.subject, decision: r.decision, evidence: r.evidence, language: r.language, status: r.status, confirmedBy: r.confirmed_by, expectationId: r.expectation_id, createdAt: r.created_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null };
}

/** Contract status per client (set by hand, suggested from mail) and recaps of client decisions. */
export function agreementRoutes(deps: { db: Db; now: () => Date }) {
  const { db, now } = deps;
  const ownedClient = async (userId: string, id: string) => {
    if (!(await getClient(db, userId, id))) throw new NotFoundError('No such client');
  };
  return async (app: FastifyInstance) => {
    const opts = (summary: string, extra: object = {}) => ({ onRequest: app.requireUser, schema: { tags: ['agreements'], summary, security: sec, ...extra } });

    app.get('/api/clients/:id/contract', opts('The contract status with this client (none, sent, signed, expired), its dates, a refusal, and what mail suggests.', { params: Id }), async (req) => {
      const userId = caller(req).id;
      const { id } = req.params as { id: string };
      await ownedClient(userId, id);
      return { contract: contractView(id, (await getContract(db, userId, id)).state, now()) };
    });

    app.put('/api/clients/:id/contract', opts('Set the contract status by hand, with its dates (YYYY-MM-DD or ISO 8601; a missing date is today).', { params: Id, body: ContractBody }), async (req) => {
      const userId = caller(req).id;
      const { id } = req.params as { id: string };
      await ownedClient(userId, id);
      const body = req.body as ContractChange;
      const zone = (await getSettings(db, userId)).settings.timeZone;
      const change: ContractChange = { status: body.status, ...(body.note !== undefined ? { note: body.note } : {}) };
      const issues: Array<{ path: string; message: string }> = [];
      for (const field of ['sentAt', 'signedAt', 'expiresAt'] as const) {
        const v = body[field];
        if (v === undefined) continue;
        // A plain date is that day in the user's zone: its start for sent/signed, its end for an end date.
        const parsed = v === null ? null : /^\d{4}-\d{2}-\d{2}$/.test(v) && field !== 'expiresAt' ? DateTime.fromISO(v, { zone }).startOf('day').toUTC().toISO() : parseDue(v, zone);
        if (parsed === undefined || (v !== null && !parsed)) issues.push({ path: field, message: DUE_HINT });
        else change[field] = parsed;
      }
      if (issues.length) throw new ValidationError(`Invalid contract: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
      const result = await setContract(db, userId, id, change, now());
      if (!result.ok) throw new ValidationError(`Invalid contract: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, result.issues);
      return { contract: contractView(id, result.value, now()) };
    });

    app.post('/api/clients/:id/contract/suggestion/accept', opts('Accept what mail suggests (sent or signed, dated when the message came).', { params: Id }), async (req) => {
      const userId = caller(req).id;
      const { id } = req.params as { id: string };
      await ownedClient(userId, id);
      const s = (await getContract(db, userId, id)).state.suggestion;
      if (!s) throw new ConflictError('There is no suggestion to accept.');
      const result = await setContract(db, userId, id, { status: s.status, ...(s.status === 'sent' ? { sentAt: s.at } : { signedAt: s.at }) }, now(), `suggested by mail ("${s.evidence}"), accepted by you`);
      if (!result.ok) throw new ValidationError(`Invalid contract: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, result.issues);
      return { contract: contractView(id, result.value, now()) };
    });

    app.post('/api/clients/:id/contract/suggestion/dismiss', opts('Dismiss what mail suggests; the status stays.', { params: Id }), async (req, reply) => {
      const userId = caller(req).id;
      const { id } = req.params as { id: string };
      await ownedClient(userId, id);
      await dismissContractSuggestion(db, userId, id, now());
      return reply.status(204).send();
    });

    app.get('/api/recaps', opts('Recaps of client decisions: pending (waiting for their "yes"), confirmed (now agreements) or dismissed.', { querystring: RecapQuery }), async (req) => {
      const q = req.query as { status?: 'pending' | 'confirmed' | 'dismissed'; clientId?: string };
      return { recaps: (await listRecaps(db, caller(req).id, q)).map(recapView) };
    });

    app.post('/api/recaps/:id/confirm', opts('Mark a recap confirmed: it becomes an agreement on the client (optionally naming the client or correcting the wording).', { params: Id, body: Type.Optional(ConfirmBody) }), async (req, reply) => {
      const userId = caller(req).id;
      const body = (req.body ?? {}) as { clientId?: string; title?: string };
      const recap = await getRecap(db, userId, (req.params as { id: string }).id);
      if (!recap) throw new NotFoundError('No such recap');
      if (recap.status !== 'pending') throw new ConflictError(`This recap was already ${recap.status}.`);
      const clientId = body.clientId ?? recap.client_id;
      if (!clientId) throw new ValidationError('Which client is this agreement with?', [{ path: 'clientId', message: 'the decision came from someone who is not a listed client; give a client id' }]);
      if (!(await getClient(db, userId, clientId))) throw new ValidationError('No such client', [{ path: 'clientId', message: 'no client with this id' }]);
      const expectation = await confirmRecap(db, userId, recap, 'user', now(), { clientId, ...(body.title ? { title: body.title } : {}) });
      if (!expectation) throw new ConflictError('This recap was already handled.');
      return reply.status(201).send({ expectation });
    });

    app.post('/api/recaps/:id/dismiss', opts('Dismiss a recap; nothing is recorded as agreed.', { params: Id }), async (req, reply) => {
      const userId = caller(req).id;
      const id = (req.params as { id: string }).id;
      if (!(await getRecap(db, userId, id))) throw new NotFoundError('No such recap');
      await closeRecap(db, userId, id, 'dismissed', now());
      return reply.status(204).send();
    });
  };
}
