
/**
 * Graph change and lifecycle notifications, validated (pure: the HTTP layer answers 202 and
 * enqueues). Shapes: {value:[{subscriptionId, clientState, changeType, resource, resourceData:{id},
 * tenantId, subscriptionExpirationDateTime}]} and {value:[{subscriptionId, clientState, lifecycleEvent}]}.
 */

export type GraphNotification =
  | { kind: 'change'; subscriptionId: string; clientState: string | null; changeType: 'created' | 'updated' | 'deleted'; resource: string; resourceId: string | null; tenantId: string | null }
  | { kind: 'lifecycle'; subscriptionId: string; clientState: string | null; lifecycleEvent: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed' };

const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);
const LIFECYCLE = new Set(['reauthorizationRequired', 'subscriptionRemoved', 'missed']);

function text(v: unknown, where: string): string {
  if (typeof v !== 'string' || v === '') throw new Error(`Graph notification ${where} must be a non-empty string`);
  return v;
}

function optionalText(v: unknown, where: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new Error(`Graph notification ${where} must be a string`);
  return v;
}

/** Graph batches a few hundred notifications at most; more is not Graph, and each costs work. */
export const MAX_GRAPH_NOTIFICATIONS = 1_000;

export function parseGraphNotification(body: unknown): GraphNotification[] {
  const value = (body as { value?: unknown } | null)?.value;
  if (typeof body !== 'object' || body === null || !Array.isArray(value)) throw new Error('Graph notification body must be an object with a "value" array');
  if (value.length > MAX_GRAPH_NOTIFICATIONS) throw new Error(`Graph notification value has ${value.length} entries; at most ${MAX_GRAPH_NOTIFICATIONS} are accepted`);
  return value.map((item: unknown, i): GraphNotification => {
    if (typeof item !== 'object' || item === null) throw new Error(`Graph notification value[${i}] must be an object`);
    const n = item as Record<string, unknown>;
    const subscriptionId = text(n.subscriptionId, `value[${i}].subscriptionId`);
    const clientState = optionalText(n.clientState, `value[${i}].clientState`);
    if (n.lifecycleEvent !== undefined) {
      const event = text(n.lifecycleEvent, `value[${i}].lifecycleEvent`);
      if (!LIFECYCLE.has(event)) throw new Error(`Graph notification value[${i}].lifecycleEvent "${event}" is not one of ${[...LIFECYCLE].join(', ')}`);
      return { kind: 'lifecycle', subscriptionId, clientState, lifecycleEvent: event as 'missed' };
    }
    const changeType = text(n.changeType, `value[${i}].changeType`);
    if (!CHANGE_TYPES.has(changeType)) throw new Error(`Graph notification value[${i}].changeType "${changeType}" is not created, updated or deleted`);
    const data = n.resourceData as { id?: unknown } | undefined;
    return {
      kind: 'change',
      subscriptionId,
      clientState,
      changeType: changeType as 'created',
      resource: text(n.resource, `value[${i}].resource`),
      resourceId: optionalText(data?.id, `value[${i}].resourceData.id`),
      tenantId: optionalText(n.tenantId, `value[${i}].tenantId`),
    };
  });
}

/** Constant-time comparison of the clientState secret. */
export { secretMatches as clientStateMatches } from '../webhook-secret.js';
