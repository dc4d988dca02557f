import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { listActivity } from '../../storage/activity.js';
import type { Db } from '../../storage/db.js';
import { caller } from '../auth.js';
import { ValidationError } from '../errors.js';

/** Every kind the log writes is a family and a word (decision.none), or plain "error". */
const ACTIVITY_KIND = /^(?:(?:decision|reply|account|sync|digest|invitation|expectation|reminder|settings|held|draft|money|client|message|contract|recap|alert)\.[a-z][a-z-]{0,40}|error)$/;

const Query = Type.Object(
  {
    client: Type.Optional(Type.String({ description: 'Client id' })),
    kind: Type.Optional(Type.String({ description: 'e.g. decision.auto-reply, decision.none, reply.sent, reply.cancelled, reply.preview' })),
    ref: Type.Optional(Type.String({ description: 'The Message-ID (or provider id) of a message: "why did or didn\'t it reply to this?"' })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'Paging: the `next` value of the previous page (a positive 64-bit id).' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);

export function activityRoutes(deps: { db: Db }) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/activity',
      { onRequest: app.requireUser, schema: { tags: ['activity'], summary: 'Every decision and action, with its reasons, newest first.', security: [{ bearer: [] }], querystring: Query } },
      async (req) => {
        const q = req.query as { client?: string; kind?: string; ref?: string; from?: string; to?: string; before?: string; limit: number };
        const issues = [];
        if (q.kind !== undefined && !ACTIVITY_KIND.test(q.kind)) issues.push({ path: 'kind', message: `'${q.kind.slice(0, 60)}' is not an activity kind; kinds look like decision.auto-reply, decision.none, reply.sent, account.connected or error` });
        for (const [path, value] of [['from', q.from], ['to', q.to]] as const) {
          // Year 0 and earlier pass the date-time format but not PostgreSQL.
          if (value && !(new Date(value).getUTCFullYear() >= 1)) issues.push({ path, message: `'${value.slice(0, 40)}' is before year 1` });
        }
        if (q.from && q.to && new Date(q.to) < new Date(q.from)) issues.push({ path: 'to', message: `is before "from" (${q.from})` });
        if (issues.length > 0) throw new ValidationError(`Invalid activity query: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
        const page = await listActivity(deps.db, caller(req).id, {
          clientId: q.client,
          kind: q.kind,
          ref: q.ref,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? new Date(q.to) : undefined,
          before: q.before,
          limit: q.limit,
        });
        return {
          entries: page.entries.map((e) => ({ id: String(e.id), at: e.at.toISOString(), kind: e.kind, summary: e.summary, reasons: e.reasons, clientId: e.client_id, accountId: e.account_id, ref: e.ref })),
          next: page.next === null ? null : String(page.next),
        };
      },
    );
  };
}
