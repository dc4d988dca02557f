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
  /** PUBLIC_URL's origin: the one cross-origin check accepts besides the request's own host. */
  origin: string;
  limits?: { apiPerMinute?: number; signInPerMinute?: number; connectPerMinute?: number; webhooksPerMinute?: number };
  /**
   * A request whose credential this process has already verified (a Pub/Sub push token): it is
   * not anonymous, so it is bounded per mailbox by its route rather than per source address.
   */
  alreadyVerified?: (req: FastifyRequest) => boolean;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
type LimitedRoute = 'sign-in' | 'api' | 'connect' | 'webhook';

/**
 * Which limit a request counts against, by the route the router matched (the decoded path), never
 * the raw URL: `/%6Cogin/google` is routed to /login/google and must count as a sign-in.
 * Webhooks are limited generously per source: Google and Microsoft deliver from many addresses.
 */
function limitedRoute(req: FastifyRequest): LimitedRoute | null {
  const route = req.routeOptions.url ?? '';
  if (route === '/login' || route.startsWith('/login/')) return 'sign-in';
  if (route.startsWith('/api/')) return 'api';
  if (route.startsWith('/connect/')) return 'connect';
  if (route.startsWith('/webhooks/')) return 'webhook';
  return null;
}

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
    const max: Record<LimitedRoute, number> = {
      'sign-in': deps.limits?.signInPerMinute ?? 30,
      api: deps.limits?.apiPerMinute ?? 600,
      connect: deps.limits?.connectPerMinute ?? 60,
      webhook: deps.limits?.webhooksPerMinute ?? 3_000,
    };
    await app.register(rateLimit, {
      global: true,
      redis: deps.redis,
      nameSpace: `${deps.namespace}:rate:`,
      skipOnError: true,
      timeWindow: 60_000,
      allowList: (req) => limitedRoute(req) === null || (deps.alreadyVerified?.(req) ?? false),
      keyGenerator: (req) => `${limitedRoute(req)}:${req.ip}`,
      max: (req) => max[limitedRoute(req) ?? 'api'],
    });
    app.decorateRequest('webSession', null);
    app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
      if (!UNSAFE.has(req.method)) return;
      if (!req.webSession) {
        // No session to carry a CSRF token (signing in with a link, webhooks): a browser still says
        // where the request came from, and a form posted from another site must not sign anyone in.
        if (!req.headers.authorization && crossSite(req, deps.origin)) {
          await reply.status(403).send({ error: 'forbidden', message: 'This request came from another site (Origin / Sec-Fetch-Site), so it was refused.' });
        }
        return;
      }
      if (!sameToken(presentedToken(req), req.webSession.csrfToken)) {
        await reply.status(403).send({ error: 'forbidden', message: 'This request did not carry a valid CSRF token. Reload the page and try again.' });
      }
    });
  },
  { name: 'boundary-web-security' },
);

/** Fetch Metadata first (all current browsers send it); Origin for older ones; neither: not a browser. */
function crossSite(req: FastifyRequest, publicOrigin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return false;
  return origin !== publicOrigin && origin !== `${req.protocol}://${req.host}`;
}

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
