import { AuthenticationHandler, Client, HTTPMessageHandler } from '@microsoft/microsoft-graph-client';

/**
 * The official Graph client, pointed at `baseUrl` (https://graph.microsoft.com in production).
 * The host is registered in `customHosts`, so the SDK attaches the bearer token and treats
 * nextLink/deltaLink URLs on it as absolute (it does so only for https URLs on Graph or custom
 * hosts).
 *
 * The chain is Authentication → HTTP, deliberately without the SDK's RetryHandler (which by default
 * retries 429/503/504 up to 3 times). Retrying belongs to the job layer, which sees
 * ProviderError('rate_limited', retryAfterMs) and reschedules; retrying here as well would multiply
 * attempts against a throttled mailbox and hold a worker for the Retry-After period.
 */
export function createGraphClient(baseUrl: string, getAccessToken: () => Promise<string>): Client {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') throw new Error(`Graph baseUrl must be https (got ${baseUrl})`);
  const authProvider = { getAccessToken };
  const auth = new AuthenticationHandler(authProvider);
  auth.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: url.origin,
    customHosts: new Set([url.hostname]),
    defaultVersion: 'v1.0',
  });
}
