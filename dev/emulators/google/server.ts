import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fault } from '../harness.js';
import { calendarRoutes } from './calendar.js';
import { createControl, type GoogleControl } from './control.js';
import { draftRoutes } from './drafts.js';
import { gmailRoutes } from './gmail.js';
import { apiError, parseBody, readBody, type Reply, type Route } from './http.js';
import { GoogleOAuth } from './oauth.js';
import { GoogleState } from './state.js';

/** Harness faults plus slow responses (latency drills). */
export type GoogleFault = Fault | { kind: 'slow'; delayMs: number; times: number };

export interface GoogleEmulatorOptions {
  now?: () => Date;
  userAddress?: string;
  aliases?: string[];
  clientId?: string;
  clientSecret?: string;
  /** The service account Pub/Sub pushes as (the `email` claim of the push JWT). */
  pushServiceAccount?: string;
}

export interface GoogleEmulator {
  url: string;
  control: GoogleControl;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startGoogleEmulator(options: GoogleEmulatorOptions = {}): Promise<GoogleEmulator> {
  const now = options.now ?? (() => new Date());
  const userAddress = options.userAddress ?? 'me@freelancer.test';
  const state = new GoogleState(userAddress, options.aliases ?? []);
  // Token and JWT lifetimes are checked by google-auth-library against the wall clock, so they are
  // issued on the wall clock too, whatever clock a test gives the mailbox.
  const wallClock = () => new Date();
  const oauth = new GoogleOAuth({ clientId: options.clientId ?? 'boundary-test-client.apps.googleusercontent.com',
    clientSecret: options.clientSecret ?? 'boundary-test-secret', userAddress, now: wallClock });
  const faults: GoogleFault[] = [];
  const control = createControl({ state, oauth, faults, now,
    pushServiceAccount: options.pushServiceAccount ?? 'gmail-push@boundary-test.iam.gserviceaccount.com' });
  const apiRoutes = [...draftRoutes(state, now), ...gmailRoutes(state, now), ...calendarRoutes(state, now, control.hooks)];
  const oauthRoutes = oauth.routes();

  const match = (routes: Route[], method: string, path: string) => {
    for (const route of routes) {
      const m = route.method === method ? route.pattern.exec(path) : null;
      if (m) return { route, params: m.slice(1) };
    }
    return undefined;
  };

  /** Faults hit API calls only (not OAuth), first queued first; each `times` counts down. */
  function takeFault(): GoogleFault | undefined {
    const f = faults[0];
    if (!f || f.kind === 'revokeTokens') return undefined; // applied at once by control.fault
    if (--f.times <= 0) faults.shift();
    return f;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = req.method ?? 'GET';
    const rawBody = await readBody(req);
    const request = { method, path: url.pathname, query: url.searchParams, headers: req.headers, rawBody,
      body: parseBody(rawBody, req.headers['content-type']) };
    const isApi = url.pathname.startsWith('/gmail/') || url.pathname.startsWith('/calendar/');
    if (!isApi) {
      const hit = match(oauthRoutes, method, url.pathname);
      return write(res, hit ? await hit.route.handler(request, hit.params) : apiError(404, 'notFound', `No route ${method} ${url.pathname}`));
    }
    const entry = { method, path: url.pathname, query: url.search, units: 0, status: 0, atMs: Date.now() };
    state.log.push(entry);
    state.maxInFlight = Math.max(state.maxInFlight, ++state.inFlight);
    try {
      const fault = takeFault();
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'slow') await sleep(fault.delayMs);
      let reply: Reply;
      if (fault?.kind === 'status') {
        const retry = fault.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(fault.retryAfterSeconds) };
        reply = fault.status === 429
          ? apiError(429, 'rateLimitExceeded', 'Too many concurrent requests for user.', 'usageLimits', retry)
          : apiError(fault.status, 'backendError', 'Backend Error', 'global', retry);
      } else if (fault?.kind === 'userRateLimit') {
        reply = apiError(403, 'userRateLimitExceeded', 'User-rate limit exceeded.', 'usageLimits');
      } else if (!oauth.authorized(req.headers.authorization)) {
        reply = apiError(401, 'authError', 'Request had invalid authentication credentials.', 'global', { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' });
      } else {
        const hit = match(apiRoutes, method, url.pathname);
        reply = hit ? await hit.route.handler(request, hit.params) : apiError(404, 'notFound', `No route ${method} ${url.pathname}`);
        entry.units = hit?.route.units ?? 0;
        state.quotaUnits += entry.units;
      }
      entry.status = reply.status;
      write(res, reply);
    } finally {
      state.inFlight--;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) write(res, apiError(500, 'backendError', `Emulator error: ${String(err)}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  control.setBaseUrl(url);
  return {
    url,
    control,
    close: async () => {
      await control.settle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function write(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
  if (body) headers['content-type'] = 'application/json; charset=UTF-8';
  res.writeHead(reply.status, headers);
  res.end(body);
}
