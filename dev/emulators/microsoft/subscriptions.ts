import { randomUUID } from 'node:crypto';
import { graphError, json, parseJson, type Ctx, type Reply, type Route } from './http.js';
import type { GraphState, Subscription } from './state.js';

/** Change-notification subscriptions: validation handshake, expiry rules, notifications, lifecycle. */

const MAX_MINUTES = 10_080; // Outlook messages/events without resource data
const MIN_MINUTES = 45;
const VALIDATION_TIMEOUT_MS = 10_000;

const RESOURCES: Record<string, 'mail' | 'events'> = {
  "/me/mailfolders('inbox')/messages": 'mail',
  'me/mailfolders/inbox/messages': 'mail',
  '/me/mailfolders/inbox/messages': 'mail',
  "me/mailfolders('inbox')/messages": 'mail',
  '/me/events': 'events',
  'me/events': 'events',
};

export function resourceKind(resource: string): 'mail' | 'events' | undefined {
  return RESOURCES[resource.toLowerCase()];
}

/** Graph POSTs ?validationToken=… and needs 200, text/plain and the decoded token back within 10 s. */
export async function validateEndpoint(url: string): Promise<string | null> {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const target = new URL(url);
  target.searchParams.set('validationToken', token);
  try {
    const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'text/plain' }, signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS) });
    const body = await res.text();
    if (res.status !== 200) return `${url} answered ${res.status}`;
    if (!String(res.headers.get('content-type')).startsWith('text/plain')) return `${url} did not answer text/plain`;
    if (body !== token) return `${url} did not echo the validation token`;
    return null;
  } catch (err) {
    return `${url} could not be reached: ${(err as Error).message}`;
  }
}

function clampExpiration(requested: unknown, now: Date): string | Reply {
  const t = typeof requested === 'string' ? Date.parse(requested) : NaN;
  if (Number.isNaN(t)) return graphError(400, 'ExtensionError', 'expirationDateTime must be an ISO 8601 date-time.');
  if (t > now.getTime() + MAX_MINUTES * 60_000) {
    return graphError(400, 'ExtensionError', `Subscription expiration can only be ${MAX_MINUTES} minutes in the future.`);
  }
  return new Date(Math.max(t, now.getTime() + MIN_MINUTES * 60_000)).toISOString();
}

function view(s: Subscription, state: GraphState): Record<string, unknown> {
  return { ...s, applicationId: 'emulator-app', creatorId: state.userId, latestSupportedTlsVersion: 'v1_2' };
}

async function create(ctx: Ctx): Promise<Reply> {
  const body = parseJson(ctx);
  const { notificationUrl, lifecycleNotificationUrl, resource, changeType, clientState } = body;
  if (typeof notificationUrl !== 'string' || typeof resource !== 'string' || typeof changeType !== 'string') {
    return graphError(400, 'InvalidRequest', 'notificationUrl, resource and changeType are required.');
  }
  if (!resourceKind(resource)) return graphError(400, 'InvalidRequest', `Unsupported resource ${resource}`);
  if (typeof clientState === 'string' && clientState.length > 128) return graphError(400, 'InvalidRequest', 'clientState is longer than 128 characters.');
  const bad = changeType.split(',').find((c) => !['created', 'updated', 'deleted'].includes(c.trim()));
  if (bad !== undefined) return graphError(400, 'InvalidRequest', `Unsupported changeType ${bad}`);
  const expiration = clampExpiration(body.expirationDateTime, ctx.now());
  if (typeof expiration !== 'string') return expiration;
  if (ctx.state.subscriptions.size >= 1000) return graphError(403, 'ExtensionError', 'Subscription limit of 1000 per mailbox reached.');
  for (const url of [notificationUrl, lifecycleNotificationUrl]) {
    if (typeof url !== 'string') continue;
    const problem = await validateEndpoint(url);
    if (problem) return graphError(400, 'ValidationError', `Subscription validation request failed: ${problem}`);
  }
  const sub: Subscription = {
    id: randomUUID(),
    resource,
    changeType,
    notificationUrl,
    expirationDateTime: expiration,
    ...(typeof lifecycleNotificationUrl === 'string' ? { lifecycleNotificationUrl } : {}),
    ...(typeof clientState === 'string' ? { clientState } : {}),
  };
  ctx.state.subscriptions.set(sub.id, sub);
  return json(201, view(sub, ctx.state));
}

function renew(ctx: Ctx): Reply {
  const sub = ctx.state.subscriptions.get(ctx.params[0]!);
  if (!sub) return graphError(404, 'ResourceNotFound', 'The object was not found.');
  const body = parseJson(ctx);
  if (body.lifecycleNotificationUrl !== undefined) return graphError(400, 'InvalidRequest', 'lifecycleNotificationUrl can only be set at creation.');
  const expiration = clampExpiration(body.expirationDateTime, ctx.now());
  if (typeof expiration !== 'string') return expiration;
  sub.expirationDateTime = expiration;
  return json(200, view(sub, ctx.state));
}

function remove(ctx: Ctx): Reply {
  if (!ctx.state.subscriptions.delete(ctx.params[0]!)) return graphError(404, 'ResourceNotFound', 'The object was not found.');
  return { status: 204 };
}

async function post(state: GraphState, url: string, body: unknown): Promise<number | 'error'> {
  let status: number | 'error';
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(3_000) });
    await res.arrayBuffer();
    status = res.status;
  } catch {
    status = 'error';
  }
  state.deliveries.push({ url, status, body });
  return status;
}

/** Posts a change notification to every live subscription on the resource that wants this change. */
export async function notifyChange(state: GraphState, kind: 'mail' | 'events', changeType: string, id: string, now: Date): Promise<void> {
  const posts: Promise<unknown>[] = [];
  for (const sub of state.subscriptions.values()) {
    if (resourceKind(sub.resource) !== kind || Date.parse(sub.expirationDateTime) <= now.getTime()) continue;
    if (!sub.changeType.split(',').map((c) => c.trim()).includes(changeType)) continue;
    const resource = kind === 'mail' ? `Users/${state.userId}/Messages/${id}` : `Users/${state.userId}/Events/${id}`;
    const notification = {
      subscriptionId: sub.id,
      subscriptionExpirationDateTime: sub.expirationDateTime,
      changeType,
      resource,
      resourceData: { '@odata.type': kind === 'mail' ? '#Microsoft.Graph.Message' : '#Microsoft.Graph.Event', '@odata.id': resource, id },
      clientState: sub.clientState ?? null,
      tenantId: state.tenantId,
    };
    posts.push(post(state, sub.notificationUrl, { value: [notification] }));
  }
  await Promise.all(posts);
}

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export async function postLifecycle(state: GraphState, subId: string, event: LifecycleEvent): Promise<number | 'error'> {
  const sub = state.subscriptions.get(subId);
  if (!sub) throw new Error(`no subscription ${subId}`);
  if (!sub.lifecycleNotificationUrl) throw new Error(`subscription ${subId} has no lifecycleNotificationUrl`);
  if (event === 'subscriptionRemoved') state.subscriptions.delete(subId);
  return post(state, sub.lifecycleNotificationUrl, {
    value: [{ subscriptionId: sub.id, subscriptionExpirationDateTime: sub.expirationDateTime, tenantId: state.tenantId, clientState: sub.clientState ?? null, lifecycleEvent: event }],
  });
}

export const subscriptionRoutes: Route[] = [
  { method: 'POST', pattern: /^\/v1\.0\/subscriptions$/, handle: create },
  { method: 'PATCH', pattern: /^\/v1\.0\/subscriptions\/([^/]+)$/, handle: renew },
  { method: 'DELETE', pattern: /^\/v1\.0\/subscriptions\/([^/]+)$/, handle: remove },
];
