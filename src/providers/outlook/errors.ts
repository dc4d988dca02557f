import { ProviderError } from '../types.js';

/**
 * Graph and MSAL failures → ProviderError kinds. The only place that reads Graph error shapes.
 * 429 → rate_limited (Retry-After seconds → ms); 401 / invalid_grant / interaction_required →
 * auth_revoked; 404 → not_found; 410 or syncStateNotFound → cursor_expired; 5xx (with any
 * Retry-After) and network failures → transient; any other 4xx → permanent.
 */

interface GraphLikeError {
  statusCode?: number;
  code?: string | null;
  message?: string;
  headers?: { get(name: string): string | null };
  errorCode?: string;
  cause?: unknown;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN']);

/** Retry-After is delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function networkCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  }
  if (err instanceof TypeError && /fetch failed/i.test(err.message)) return 'fetch failed';
  return undefined;
}

export function toProviderError(err: unknown, now: Date, what: string): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = (err ?? {}) as GraphLikeError;
  const status = typeof e.statusCode === 'number' ? e.statusCode : -1;
  const code = e.code ?? e.errorCode ?? '';
  const detail = `${what}: ${status > 0 ? `${status} ` : ''}${code ? `${code} ` : ''}${e.message ?? String(err)}`.trim();
  const opts = { cause: err };
  if (status === 429) return new ProviderError('rate_limited', detail, retryAfterMs(e.headers?.get('retry-after'), now), opts);
  if (status === 401 || code === 'invalid_grant' || code === 'interaction_required') return new ProviderError('auth_revoked', detail, undefined, opts);
  if (status === 410 || /^syncStateNotFound$/i.test(code) || /^resyncRequired$/i.test(code)) return new ProviderError('cursor_expired', detail, undefined, opts);
  if (status === 404) return new ProviderError('not_found', detail, undefined, opts);
  // 503s name a Retry-After too; the job layer waits that long instead of guessing.
  if (status >= 500) return new ProviderError('transient', detail, retryAfterMs(e.headers?.get('retry-after'), now), opts);
  if (status >= 400) return new ProviderError('permanent', detail, undefined, opts);
  // No HTTP status: the request never completed (reset, refused, timeout) → worth retrying.
  const net = networkCode(err) ?? networkCode((err as { body?: unknown })?.body);
  if (net || status === -1) return new ProviderError('transient', `${what}: network failure (${net ?? code ?? 'unknown'})`, undefined, opts);
  return new ProviderError('permanent', detail, undefined, opts);
}

/** Runs one Graph call and translates whatever it throws. */
export async function graphCall<T>(what: string, now: () => Date, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw toProviderError(err, now(), what);
  }
}
