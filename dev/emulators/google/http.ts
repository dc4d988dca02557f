import type { IncomingMessage } from 'node:http';

/** What a route handler sees and returns: plain data, no node streams. */
export interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  rawBody: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: Request, params: string[]) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** Gmail quota units charged per call (Calendar counts requests only). */
  units?: number;
}

export const json = (body: unknown, status = 200, headers?: Record<string, string>): Reply => ({ status, body, headers });
export const empty = (status = 204): Reply => ({ status });

/** Google's JSON error envelope: {error:{code,message,errors:[{domain,reason,message}],status}}. */
export function apiError(code: number, reason: string, message: string, domain = 'global', headers?: Record<string, string>): Reply {
  const status: Record<number, string> = {
    400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
    410: 'GONE', 412: 'FAILED_PRECONDITION', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE',
  };
  return json({ error: { code, message, errors: [{ domain, reason, message }], status: status[code] ?? 'UNKNOWN' } }, code, headers);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!raw) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** Opaque page tokens: base64url JSON, so a client cannot build one by hand. */
export const encodeToken = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
export function decodeToken<T>(token: string): T | undefined {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** maxResults within [1, max], default when absent; undefined when it is not a positive integer. */
export function pageSize(query: URLSearchParams, fallback: number, max: number): number | undefined {
  const v = query.get('maxResults');
  if (v === null) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) return undefined;
  return Math.min(n, max);
}
