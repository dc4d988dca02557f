import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphState } from './state.js';

/** Minimal routing and reply helpers shared by the Graph emulator's route files. */

export interface Ctx {
  req: IncomingMessage;
  url: URL;
  /** Decoded path, e.g. /v1.0/me/mailFolders('inbox')/messages/delta */
  path: string;
  params: string[];
  body: Buffer;
  state: GraphState;
  baseUrl: string;
  now: () => Date;
}

export interface Reply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handle(ctx: Ctx): Reply | Promise<Reply>;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, json: body, ...(headers ? { headers } : {}) };
}

/** Graph's error envelope: {"error":{"code","message","innerError"}}. */
export function graphError(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  return json(status, { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': crypto.randomUUID() } } }, headers);
}

export function parseJson(ctx: Ctx): Record<string, unknown> {
  if (ctx.body.length === 0) return {};
  const parsed: unknown = JSON.parse(ctx.body.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** `Prefer` header values, e.g. odata.maxpagesize=50 and outlook.timezone="UTC". */
export function prefer(ctx: Ctx, name: string): string | undefined {
  const raw = ctx.req.headers.prefer;
  const all = (Array.isArray(raw) ? raw.join(',') : raw ?? '').split(',');
  for (const part of all) {
    const [k, v] = part.trim().split('=');
    if (k?.toLowerCase() === name.toLowerCase()) return v?.replace(/^"|"$/g, '');
  }
  return undefined;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload = '';
  if (reply.json !== undefined) {
    headers['content-type'] ??= 'application/json; odata.metadata=minimal';
    payload = JSON.stringify(reply.json);
  } else if (reply.text !== undefined) {
    headers['content-type'] ??= 'text/plain';
    payload = reply.text;
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function match(routes: Route[], method: string, path: string): { route: Route; params: string[] } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1).map((p) => p ?? '') };
  }
  return null;
}

/** base64url JSON state carried in $skiptoken / $deltatoken. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(token: string): T | null {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
}
