import type { ReplyHistory } from '../domain/decide-message.js';
import type { HistoryMessage, OpenInvoice, SignalHistory } from '../domain/signals/index.js';

/**
 * The `--history` file of `boundary explain`. The original fields feed the reply rules:
 *   { "lastReplyToSenderAt": ISO, "lastReplyInThreadAt": ISO, "alreadyDecided": bool }
 * Optional fields added for the history-based signals (older files stay valid):
 *   "messages": [{ "direction": "in" | "out", "at": ISO }]   earlier mail with this client
 *   "invoices": [{ "dueAt": ISO, "paidAt"?: ISO | null, "reference"?: string }]
 */
export class HistoryError extends Error {}

const isInstant = (v: unknown): v is string => typeof v === 'string' && Number.isFinite(Date.parse(v));
const FIELDS = ['lastReplyToSenderAt', 'lastReplyInThreadAt', 'alreadyDecided', 'messages', 'invoices'];

function list<T>(v: unknown, name: string, item: (x: Record<string, unknown>, where: string) => T): T[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new HistoryError(`${name} must be a list`);
  return v.map((x, i) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new HistoryError(`${name}[${i}] must be an object`);
    return item(x as Record<string, unknown>, `${name}[${i}]`);
  });
}

function message(x: Record<string, unknown>, where: string): HistoryMessage {
  if (x.direction !== 'in' && x.direction !== 'out') throw new HistoryError(`${where}.direction must be "in" or "out"`);
  if (!isInstant(x.at)) throw new HistoryError(`${where}.at must be an ISO 8601 instant`);
  return { direction: x.direction, at: x.at };
}

function invoice(x: Record<string, unknown>, where: string): OpenInvoice {
  if (!isInstant(x.dueAt)) throw new HistoryError(`${where}.dueAt must be an ISO 8601 date or instant`);
  if (x.paidAt !== undefined && x.paidAt !== null && !isInstant(x.paidAt)) throw new HistoryError(`${where}.paidAt must be an ISO 8601 instant or null`);
  if (x.reference !== undefined && typeof x.reference !== 'string') throw new HistoryError(`${where}.reference must be text`);
  return { dueAt: x.dueAt, ...(isInstant(x.paidAt) ? { paidAt: x.paidAt } : {}), ...(typeof x.reference === 'string' ? { reference: x.reference } : {}) };
}

export function parseHistory(input: unknown): { reply: ReplyHistory; signals: SignalHistory } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new HistoryError('expected a JSON object');
  const h = input as Record<string, unknown>;
  const unknown = Object.keys(h).filter((k) => !FIELDS.includes(k));
  if (unknown.length > 0) throw new HistoryError(`unknown field ${unknown.join(', ')}`);
  const reply: ReplyHistory = {};
  for (const key of ['lastReplyToSenderAt', 'lastReplyInThreadAt'] as const) {
    const v = h[key];
    if (v === undefined || v === null) continue;
    if (!isInstant(v)) throw new HistoryError(`${key} must be an ISO 8601 instant`);
    reply[key] = v;
  }
  if (h.alreadyDecided !== undefined && typeof h.alreadyDecided !== 'boolean') throw new HistoryError('alreadyDecided must be true or false');
  if (h.alreadyDecided) reply.alreadyDecided = true;
  return { reply, signals: { messages: list(h.messages, 'messages', message), invoices: list(h.invoices, 'invoices', invoice) } };
}
