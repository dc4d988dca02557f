import { ProviderError, type CallGate } from '../types.js';

/**
 * Google errors become ProviderError kinds here and nowhere else.
 * Body shape (Gmail/Calendar): {error:{code,message,errors:[{domain,reason,message}]}};
 * token endpoint (RFC 6749 §5.2): {error:"invalid_grant",error_description}.
 * The original error is not attached as `cause`: its request config carries the bearer token.
 */

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded', 'concurrentLimitExceeded']);
/** A scope the user did not grant (or withdrew) needs a reconnect, same as a revoked token. */
const SCOPE_REASONS = new Set(['insufficientPermissions', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);
/** Google's guidance: back off starting at 1 s or more; without Retry-After we wait a few seconds. */
export const DEFAULT_RETRY_AFTER_MS = 5_000;
const DAILY_RETRY_AFTER_MS = 3_600_000;

interface GaxiosLike {
  message?: string;
  code?: string | number;
  config?: { method?: string; url?: string | URL };
  response?: { status?: number; headers?: unknown; data?: unknown };
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const v = (headers as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : undefined;
}

/** Retry-After is delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function reasonOf(data: unknown): { reason?: string; oauthError?: string; message?: string } {
  const d = data as { error?: unknown; error_description?: string } | undefined;
  if (typeof d?.error === 'string') return { oauthError: d.error, message: d.error_description };
  const e = d?.error as { message?: string; errors?: { reason?: string }[]; details?: { reason?: string }[] } | undefined;
  return { reason: e?.errors?.[0]?.reason ?? e?.details?.[0]?.reason, message: e?.message };
}

/** Where the call went, without query string (revoke URLs carry the token there). */
function target(err: GaxiosLike): string {
  const url = err.config?.url;
  if (!url) return '';
  try {
    return ` on ${err.config?.method ?? 'GET'} ${new URL(String(url)).pathname}`;
  } catch {
    return '';
  }
}

export function translateGoogleError(err: unknown, now: Date, context = 'Google API'): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = (err ?? {}) as GaxiosLike;
  const status = e.response?.status;
  const where = target(e);
  if (status === undefined) {
    // No HTTP answer: reset, refused, DNS, timeout. The library's own "no refresh token" is a setup problem.
    if (/refresh token/i.test(e.message ?? '')) return new ProviderError('auth_revoked', `${context}: no usable refresh token`);
    const code = e.code ?? (e as { cause?: { code?: string } }).cause?.code ?? 'network error';
    return new ProviderError('transient', `${context}${where}: ${String(code)}`);
  }
  const { reason, oauthError, message } = reasonOf(e.response?.data);
  const detail = `${context} ${status}${reason ? ` ${reason}` : ''}${oauthError ? ` ${oauthError}` : ''}${where}${message ? `: ${message}` : ''}`;
  const wait = retryAfterMs(header(e.response?.headers, 'retry-after'), now);
  if (oauthError === 'invalid_grant' || status === 401) return new ProviderError('auth_revoked', detail);
  if (status === 429 || (status === 403 && reason && RATE_REASONS.has(reason))) {
    return new ProviderError('rate_limited', detail, wait ?? (reason === 'dailyLimitExceeded' ? DAILY_RETRY_AFTER_MS : DEFAULT_RETRY_AFTER_MS));
  }
  if (status === 403 && reason && SCOPE_REASONS.has(reason)) return new ProviderError('auth_revoked', detail);
  if (status === 404) return new ProviderError('not_found', detail);
  if (status === 410) return new ProviderError('cursor_expired', detail);
  // 412: the event changed under us (etag); a retry re-reads it.
  if (status === 408 || status === 412 || status >= 500) return new ProviderError('transient', detail, wait);
  return new ProviderError('permanent', detail);
}

/** Runs a Google call, unless the account is paused, and translates any failure. */
export async function callGoogle<T>(now: () => Date, context: string, call: () => Promise<T>, gate?: CallGate): Promise<T> {
  await gate?.before();
  try {
    return await call();
  } catch (err) {
    const e = translateGoogleError(err, now(), context);
    if (e.kind === 'rate_limited') await gate?.throttled(e.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
    throw e;
  }
}
