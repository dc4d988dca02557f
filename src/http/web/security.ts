import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { Db } from '../../storage/db.js';
import { sessionByToken, type WebSession } from '../../storage/sessions.js';
import type { User } from '../../storage/users.js';

export const SESSION_COOKIE = 'boundary_session';
export const SESSION_TTL_MS = 14 * 86_400_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the caller was recognised by the session cookie (not by a bearer token). */
    webSession: WebSession | null;
  }
}

export interface SecurityDeps {
  redis: Redis;
  /** Keeps rate-limit counters of parallel deployments (and tests) apart. */
  namespace: string;
  /** PUBLIC_URL is https: only then is HSTS sent (a plain-http install must stay reachable). */
  https: boolean;
  limits?: { apiPerMinute?: number; signInPerMinute?: number };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const isSignIn = (url: string) => url === '/login' || url.startsWith('/login/') || url.startsWith('/login?');

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a browser request carries: the X-CSRF-Token header (fetch) or the _csrf form field. */
function presentedToken(req: FastifyRequest): string {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = req.body as { _csrf?: unknown } | undefined;
  return typeof body?._csrf === 'string' ? body._csrf : '';
}

/**
 * Cookies, form bodies, security headers, rate limits and CSRF for the whole app. Registered before
 * any route so the hooks reach the API too: a browser calling the API with its session cookie must
 * prove the request came from our pages (synchronizer token), while bearer-token callers need not.
 */
export const webSecurity = fp(
  async (app: FastifyInstance, deps: SecurityDeps) => {
    await app.register(cookie, { hook: 'onRequest' });
    await app.register(formbody);
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'frame-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'none'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'self'"],
        },
      },
      // The OAuth round trip returns through a cross-site redirect; Lax cookies survive it.
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      hsts: deps.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
    });
    const apiMax = deps.limits?.apiPerMinute ?? 600;
    const signInMax = deps.limits?.signInPerMinute ?? 30;
    await app.register(rateLimit, {
      global: true,
      redis: deps.redis,
      nameSpace: `${deps.namespace}:rate:`,
      skipOnError: true,
      timeWindow: 60_000,
      // Only sign-in and the API are limited; webhooks have their own authentication and volume.
      allowList: (req) => !(isSignIn(req.url) || req.url.startsWith('/api/')),
      keyGenerator: (req) => `${isSignIn(req.url) ? 'sign-in' : 'api'}:${req.ip}`,
      max: (req) => (isSignIn(req.url) ? signInMax : apiMax),
    });
    app.decorateRequest('webSession', null);
    app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
      if (!req.webSession || !UNSAFE.has(req.method)) return;
      if (!sameToken(presentedToken(req), req.webSession.csrfToken)) {
        await reply.status(403).send({ error: 'forbidden', message: 'This request did not carry a valid CSRF token. Reload the page and try again.' });
      }
    });
  },
  { name: 'boundary-web-security' },
);

/** The authPlugin resolver for the session cookie; it remembers the session for the CSRF check. */
export function sessionResolver(db: Db, now: () => Date) {
  return async (req: FastifyRequest): Promise<User | null> => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return null;
    const session = await sessionByToken(db, token, now());
    req.webSession = session;
    return session?.user ?? null;
  };
}
