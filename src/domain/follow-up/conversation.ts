import { matchClient } from '../clients.js';
import { isAutoReplyOrOutOfOffice } from '../etiquette/index.js';
import type { MessageMeta } from '../message.js';
import type { Client, Settings } from '../settings.js';
import type { ClientRef } from './types.js';

/** One row of stored message metadata (the `messages` table), as the follow-up rules read it. */
export interface ConversationMessage {
  accountId: string;
  threadId: string;
  direction: 'in' | 'out';
  from: string | null;
  recipients: string[];
  /** The listed client recorded at sync time, when there was one. */
  clientId: string | null;
  subject: string;
  /** ISO 8601 instant. */
  at: string;
  automated: boolean;
  /** A short text when a caller has one (never stored); urgent wording is looked for in it too. */
  snippet?: string;
}

/** A message with the client it is to or from resolved; messages with no client are dropped. */
export interface ClientMessage extends ConversationMessage {
  client: Client;
  ref: ClientRef;
  key: string;
}

export function clientKey(client: Client, address: string): string {
  return client.id ? `client:${client.id}` : `address:${address.toLowerCase()}`;
}

export function refOf(client: Client, address: string): ClientRef {
  return { id: client.id ?? null, name: client.name, address: client.addresses[0] ?? address };
}

/**
 * The stored rows carry no headers, so the `automated` flag from sync time is trusted and the
 * auto-reply subject rule is applied again (it costs nothing and catches rows recorded before).
 */
export function isAutomatic(m: ConversationMessage): boolean {
  if (m.automated) return true;
  const probe = { headers: {}, subject: m.subject } as unknown as MessageMeta;
  return m.direction === 'in' && isAutoReplyOrOutOfOffice(probe);
}

function resolve(m: ConversationMessage, settings: Settings): { client: Client; address: string } | null {
  if (m.direction === 'in') {
    if (!m.from) return null;
    const listed = m.clientId ? settings.clients.find((c) => c.id === m.clientId) : undefined;
    const client = listed ?? matchClient(m.from, settings);
    return client ? { client, address: m.from } : null;
  }
  for (const address of m.recipients) {
    const client = matchClient(address, settings);
    if (client) return { client, address };
  }
  return null;
}

/** Human messages to or from clients, oldest first. Automatic ones (OOF, our own replies) are left out. */
export function clientMessages(rows: ConversationMessage[], settings: Settings): ClientMessage[] {
  const out: ClientMessage[] = [];
  for (const m of rows) {
    if (isAutomatic(m)) continue;
    const hit = resolve(m, settings);
    if (!hit) continue;
    out.push({ ...m, client: hit.client, ref: refOf(hit.client, hit.address), key: clientKey(hit.client, hit.address) });
  }
  // Parse each instant once: parsing inside the comparator was the report's hot spot.
  const at = new Map(out.map((m) => [m, Date.parse(m.at)]));
  return out.sort((a, b) => at.get(a)! - at.get(b)!);
}

export function groupBy<T>(items: T[], keyOf: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export const threadKey = (m: ConversationMessage): string => `${m.accountId}\u0000${m.threadId}`;
