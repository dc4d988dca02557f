import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { calendarRoutes } from './calendar.js';
import { draftCreateRoutes } from './drafts-create.js';
import { draftRoutes } from './drafts.js';
import { graphError, match, readBody, send, type Ctx, type Reply, type Route } from './http.js';
import { mailReadRoutes } from './mail-read.js';
import { mailSendRoutes } from './mail-send.js';
import { oauthRoutes, type IdentityProvider } from './oauth.js';
import type { GraphState } from './state.js';
import { subscriptionRoutes } from './subscriptions.js';
import { selfSignedCertificate, type TlsMaterial } from './tls.js';

/**
 * The HTTPS server: /v1.0 requests are counted, pass through injected faults, need a bearer
 * token, and are limited to 4 concurrent requests per mailbox (429 beyond, with Retry-After).
 */

const graphRoutes: Route[] = [...mailReadRoutes, ...mailSendRoutes, ...draftCreateRoutes, ...draftRoutes, ...calendarRoutes, ...subscriptionRoutes];

function takeFault(state: GraphState): GraphState['faults'][number] | undefined {
  const f = state.faults[0];
  if (!f) return undefined;
  f.times -= 1;
  if (f.times <= 0) state.faults.shift();
  return f;
}

async function graph(ctx: Ctx, res: import('node:http').ServerResponse): Promise<Reply | null> {
  const { state } = ctx;
  state.requests += 1;
  const fault = takeFault(state);
  if (fault?.reset) {
    ctx.req.socket.destroy();
    return null;
  }
  if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
  if (fault?.status) {
    const headers = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : undefined;
    const code = fault.code ?? (fault.status === 429 ? 'TooManyRequests' : fault.status === 503 ? 'ServiceNotAvailable' : 'generalException');
    return graphError(fault.status, code, `Injected fault ${fault.status}`, headers);
  }
  const auth = ctx.req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!state.accessTokens.has(token)) {
    return graphError(401, 'InvalidAuthenticationToken', token ? 'Access token validation failure. Invalid audience or revoked token.' : 'Access token is empty.');
  }
  if (state.inFlight >= state.maxConcurrent) {
    return graphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'retry-after': '1' });
  }
  state.inFlight += 1;
  state.peakInFlight = Math.max(state.peakInFlight, state.inFlight);
  res.once('close', () => { state.inFlight -= 1; });
  if (state.slowMs > 0) await new Promise((r) => setTimeout(r, state.slowMs));
  const found = match(graphRoutes, ctx.req.method ?? 'GET', ctx.path);
  if (!found) return graphError(400, 'BadRequest', `Resource not found for the segment '${ctx.path}'.`);
  return found.route.handle({ ...ctx, params: found.params });
}

// One certificate per test process: RSA key generation dominates emulator start-up otherwise.
let tls: TlsMaterial | undefined;

export interface RunningServer {
  server: Server;
  baseUrl: string;
  ca: string;
}

export async function listen(state: GraphState, idp: IdentityProvider, now: () => Date): Promise<RunningServer> {
  // TLS validity and identity tokens are checked by clients against the wall clock, whatever clock
  // a test gives the mailbox.
  tls ??= selfSignedCertificate(new Date());
  const { key, cert } = tls;
  const idRoutes = oauthRoutes(idp);
  let baseUrl = '';
  const server = createServer({ key, cert }, (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const ctx: Ctx = { req, url, path: decodeURIComponent(url.pathname), params: [], body: await readBody(req), state, baseUrl, now };
      let reply: Reply | null;
      try {
        if (ctx.path.startsWith('/v1.0/')) reply = await graph(ctx, res);
        else {
          const found = match(idRoutes, req.method ?? 'GET', ctx.path);
          reply = found ? await found.route.handle({ ...ctx, now: () => new Date(), params: found.params }) : { status: 404, json: { error: 'not_found' } };
        }
      } catch (err) {
        reply = graphError(400, 'BadRequest', (err as Error).message);
      }
      if (reply) send(res, reply);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, baseUrl, ca: cert };
}
