import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { MAX_TOKEN_DAYS, newApiToken } from '../../auth/api-tokens.js';
import { addApiToken, listApiTokens, revokeApiToken, type ApiTokenInfo } from '../../storage/api-tokens.js';
import type { Db } from '../../storage/db.js';
import { caller } from '../auth.js';
import { NotFoundError, UnauthorizedError } from '../errors.js';

const NewToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'What the token is for, e.g. "laptop scripts".' }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TOKEN_DAYS, description: 'Omit for a token that does not expire.' })),
  },
  { additionalProperties: false },
);
const sec = [{ bearer: [] }];
const view = (t: ApiTokenInfo) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null });

/** Personal API tokens: list (never their values), make one (shown once), revoke. */
export function tokenRoutes(deps: { db: Db; now: () => Date }) {
  return async (app: FastifyInstance) => {
    app.get('/api/tokens', { onRequest: app.requireUser, schema: { tags: ['tokens'], summary: 'Your personal API tokens: names, when made, last used and expiry.', security: sec } }, async (req) => ({
      tokens: (await listApiTokens(deps.db, caller(req).id)).map(view),
    }));

    app.post('/api/tokens', { onRequest: app.requireUser, schema: { tags: ['tokens'], summary: 'Make a token, from a signed-in browser only. The value is in this answer and nowhere else.', security: sec, body: NewToken } }, async (req, reply) => {
      // A leaked token must not be able to mint tokens that outlive its revocation.
      if (!req.webSession) throw new UnauthorizedError('Make tokens from the web app (Account page) or with `boundary user token`; a token cannot make another.');
      const body = req.body as { name: string; expiresInDays?: number };
      const now = deps.now();
      const expiresAt = body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * 86_400_000) : null;
      const { token, hash } = newApiToken();
      const id = await addApiToken(deps.db, caller(req).id, hash, body.name.trim() || 'unnamed', expiresAt);
      return reply.status(201).send({ token, id, name: body.name.trim(), expiresAt: expiresAt?.toISOString() ?? null });
    });

    app.delete('/api/tokens/:id', { onRequest: app.requireUser, schema: { tags: ['tokens'], summary: 'Revoke a token: it stops working at once.', security: sec, params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) }) } }, async (req, reply) => {
      if (!(await revokeApiToken(deps.db, caller(req).id, (req.params as { id: string }).id))) throw new NotFoundError('No such token');
      return reply.status(204).send();
    });
  };
}
