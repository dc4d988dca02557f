import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OAUTH_STATE_TTL_MS } from '../pipeline/oauth-flow.js';

/**
 * An OAuth `state` alone proves nothing about who brings it back: anyone can start a flow and
 * hand the consent link (or the callback URL) to someone else. The browser that starts a flow
 * therefore gets the state in a short-lived HttpOnly cookie scoped to the callback path, and the
 * callback accepts the state only from a browser that holds it (RFC 6749 §10.12, RFC 9700 §4.7).
 * SameSite=Lax, because the callback is a top-level redirect from the provider's site.
 */
export const OAUTH_COOKIE = 'boundary_oauth';
const TTL_SECONDS = OAUTH_STATE_TTL_MS / 1000;

export function bindStateToBrowser(reply: FastifyReply, state: string, callbackPath: string, secure: boolean): void {
  reply.setCookie(OAUTH_COOKIE, state, { path: callbackPath, httpOnly: true, secure, sameSite: 'lax', maxAge: TTL_SECONDS });
}

/** True when this request comes from the browser that started the flow for `state`. */
export function stateBelongsToBrowser(req: FastifyRequest, state: string | undefined): boolean {
  const held = req.cookies?.[OAUTH_COOKIE];
  if (!state || !held) return false;
  const a = Buffer.from(held);
  const b = Buffer.from(state);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The cookie has done its job (or failed it) once the callback is answered. */
export function forgetState(reply: FastifyReply, callbackPath: string): void {
  reply.clearCookie(OAUTH_COOKIE, { path: callbackPath });
}

/** The state inside an authorization URL we built. */
export function stateOf(authorizationUrl: string): string {
  const state = new URL(authorizationUrl).searchParams.get('state');
  if (!state) throw new Error('authorization URL without state');
  return state;
}
