import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hashApiToken, isApiTokenShaped } from '../auth/api-tokens.js';
import type { Db } from '../storage/db.js';
import { userByApiToken } from '../storage/api-tokens.js';
import type { User } from '../storage/users.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
  }
  interface FastifyInstance {
    requireUser: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export interface AuthDeps {
  db: Db;
  now: () => Date;
  /** Other ways to find the caller (the web session cookie); tried after the bearer token. */
  resolvers?: Array<(req: FastifyRequest) => Promise<User | null>>;
}

/** Who is calling: a personal API token (Authorization: Bearer) or a web session. */
export const authPlugin = fp(
  async (app: FastifyInstance, deps: AuthDeps) => {
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (req) => {
      const header = req.headers.authorization;
      if (header?.startsWith('Bearer ')) {
        // Only our own tokens are looked up: a webhook's bearer (a Pub/Sub JWT) or any other
        // stranger's value costs no database read.
        const token = header.slice(7).trim();
        req.user = isApiTokenShaped(token) ? ((await userByApiToken(deps.db, hashApiToken(token), deps.now())) ?? null) : null;
        return;
      }
      for (const resolve of deps.resolvers ?? []) {
        const user = await resolve(req);
        if (user) {
          req.user = user;
          return;
        }
      }
    });
    app.decorate('requireUser', async (req: FastifyRequest, reply: FastifyReply) => {
      if (!req.user) {
        await reply.status(401).header('www-authenticate', 'Bearer').send({ error: 'unauthorized', message: 'Sign in, or send a personal API token as "Authorization: Bearer <token>".' });
      }
    });
  },
  { name: 'boundary-auth' },
);

/** The signed-in user; only call behind `requireUser`. */
export function caller(req: FastifyRequest): User {
  if (!req.user) throw new Error('caller() used on an unauthenticated route');
  return req.user;
}
