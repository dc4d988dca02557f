import { AuthenticationHandler, Client, HTTPMessageHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { CallGate } from '../types.js';
import { retryAfterMs } from './errors.js';

/** A 429 that names no Retry-After pauses the mailbox this long (Graph nearly always names one). */
const DEFAULT_PAUSE_MS = 60_000;
/** Graph serves at most 4 concurrent requests per mailbox (microsoft.md: throttling); a fifth gets 429. */
const MAX_CONCURRENT = 4;

/**
 * The official Graph client, pointed at `baseUrl` (https://graph.microsoft.com in production).
 * The host is registered in `customHosts`, so the SDK attaches the bearer token and treats
 * nextLink/deltaLink URLs on it as absolute (it does so only for https URLs on Graph or custom
 * hosts).
 *
 * The chain is Pause → Authentication → HTTP, deliberately without the SDK's RetryHandler (which by
 * default retries 429/503/504 up to 3 times). Retrying belongs to the job layer, which sees
 * ProviderError('rate_limited', retryAfterMs) and reschedules; retrying here as well would multiply
 * attempts against a throttled mailbox and hold a worker for the Retry-After period.
 */
export function createGraphClient(baseUrl: string, getAccessToken: () => Promise<string>, gate?: CallGate, now: () => Date = () => new Date()): Client {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') throw new Error(`Graph baseUrl must be https (got ${baseUrl})`);
  const auth = new AuthenticationHandler({ getAccessToken });
  auth.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: gate ? chain(new PauseHandler(gate, now), auth) : auth,
    baseUrl: url.origin,
    customHosts: new Set([url.hostname]),
    defaultVersion: 'v1.0',
  });
}

function chain(first: PauseHandler, next: Middleware): Middleware {
  first.setNext(next);
  return first;
}

/**
 * Every job of a mailbox shares its pause: while it lasts, a call is answered here with the 429
 * Graph would give, without reaching Graph; a 429 from Graph starts it at once, so parallel reads
 * and the next steps of running jobs hold off too, not only the job that was throttled. Jobs also
 * share the mailbox's four request slots, so together they never send Graph a fifth at once.
 */
class PauseHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly gate: CallGate,
    private readonly now: () => Date,
  ) {}

  async execute(context: Context): Promise<void> {
    let release: (() => Promise<void>) | undefined;
    try {
      await this.gate.before();
      release = await this.gate.slot?.(MAX_CONCURRENT);
    } catch (err) {
      const ms = (err as { retryAfterMs?: number }).retryAfterMs ?? DEFAULT_PAUSE_MS;
      const body = { error: { code: 'TooManyRequests', message: `Held off for ${ms} ms: ${(err as Error).message}.` } };
      context.response = new Response(JSON.stringify(body), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(Math.ceil(ms / 1000)) } });
      return;
    }
    try {
      await this.next!.execute(context);
    } finally {
      await release?.();
    }
    if (context.response?.status === 429) {
      await this.gate.throttled(retryAfterMs(context.response.headers.get('retry-after'), this.now()) ?? DEFAULT_PAUSE_MS);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
