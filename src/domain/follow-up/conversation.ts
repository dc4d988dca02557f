import { clientMatcher } from '../clients.js';
import { isAutoReplySubject } from '../etiquette/index.js';
import { isoMillis } from '../hours/iso-millis.js';
import type { Client, Settings } from '../settings.js';
import type { ClientRef } from './types.js';

/** One row of stored message metadata (the `messages` table), as the follow-up rules read it. */
export interface ConversationMessage {
  accountId: string;
  threadId: string;
  direction: 'in' | 'out';
  from: string | null;
  /** Who the user's own mail went to; the rules read it for `out` only, and stored `in` rows come without. */
  recipients: string[];
  /** The listed client recorded at sync time, when there was one. */
  clientId: string | null;
  subject: string;
  /** ISO 8601 instant. */
  at: string;
  automated: boolean;
  /** A short text when a caller has one (never stored); urgent wording is looked for in it too. */
  snippet?: string;
  /** Signal codes stored when the message was decided (urgent, chaser…), when there are any. */
  signals?: string[];
}

/** A message with the client it is to or from resolved; messages with no client are dropped. */
export interface ClientMessage extends ConversationMessage {
  client: Client;
  ref: ClientRef;
  key: string;
  /** `at` in epoch ms, parsed once: the rules compare and measure instants many times over. */
  atMs: number;
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
  return m.direction === 'in' && isAutoReplySubject(m.subject);
}

function resolve(m: ConversationMessage, settings: Settings, clientOf: (address: string) => Client | null): { client: Client; address: string } | null {
  if (m.direction === 'in') {
    if (!m.from) return null;
    const listed = m.clientId ? settings.clients.find((c) => c.id === m.clientId) : undefined;
    const client = listed ?? clientOf(m.from);
    return client ? { client, address: m.from } : null;
  }
  for (const address of m.recipients) {
    const client = clientOf(address);
    if (client) return { client, address };
  }
  return null;
}

/** Human messages to or from clients, oldest first. Automatic ones (OOF, our own replies) are left out. */
export function clientMessages(rows: ConversationMessage[], settings: Settings): ClientMessage[] {
  const out: ClientMessage[] = [];
  const parties = new PartyCache();
  const clientOf = clientMatcher(settings);
  let sorted = true;
  for (const m of rows) {
    if (isAutomatic(m)) continue;
    const hit = resolve(m, settings, clientOf);
    if (!hit) continue;
    const atMs = isoMillis(m.at);
    // Written so that an unparsable instant (NaN) also sends the list through the sort, as before.
    if (out.length > 0 && !(atMs >= out[out.length - 1]!.atMs)) sorted = false;
    out.push(withClient(m, hit.client, parties.of(hit.client, hit.address), atMs));
  }
  // Stored rows come oldest first already; sort (stably) only when a caller passed them otherwise.
  return sorted ? out : out.sort((a, b) => a.atMs - b.atMs);
}

/**
 * One ref and key per (client, address), shared by that party's messages: building them per
 * message was a good part of the report's time on a large mailbox. Refs are read, never changed.
 */
class PartyCache {
  private readonly byClient = new Map<Client, Map<string, { ref: ClientRef; key: string }>>();

  of(client: Client, address: string): { ref: ClientRef; key: string } {
    let byAddress = this.byClient.get(client);
    if (!byAddress) this.byClient.set(client, (byAddress = new Map()));
    let party = byAddress.get(address);
    if (!party) byAddress.set(address, (party = { ref: refOf(client, address), key: clientKey(client, address) }));
    return party;
  }
}

/**
 * Written out field by field: an object spread (`{ ...m, client }`) over thousands of rows cost
 * more than the rest of the report together.
 */
function withClient(m: ConversationMessage, client: Client, party: { ref: ClientRef; key: string }, atMs: number): ClientMessage {
  const out: ClientMessage = {
    accountId: m.accountId,
    threadId: m.threadId,
    direction: m.direction,
    from: m.from,
    recipients: m.recipients,
    clientId: m.clientId,
    subject: m.subject,
    at: m.at,
    automated: m.automated,
    client,
    ref: party.ref,
    key: party.key,
    atMs,
  };
  if (m.snippet !== undefined) out.snippet = m.snippet;
  if (m.signals !== undefined) out.signals = m.signals;
  return out;
}

/** The part of an oldest-first conversation from `from` on (ISO instants compare as strings). */
export function within<T extends ConversationMessage>(conversation: T[], from: Date): T[] {
  const iso = from.toISOString();
  const first = conversation.findIndex((m) => m.at >= iso);
  return first < 0 ? [] : first === 0 ? conversation : conversation.slice(first);
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

/**
 * Messages grouped by thread (account and thread id), groups in order of first appearance.
 * Two map levels instead of one joined key: joining the ids made a new string to hash per message.
 */
export function groupByThread<T extends ConversationMessage>(messages: T[]): T[][] {
  const groups: T[][] = [];
  const byAccount = new Map<string, Map<string, T[]>>();
  for (const m of messages) {
    let threads = byAccount.get(m.accountId);
    if (!threads) byAccount.set(m.accountId, (threads = new Map()));
    const list = threads.get(m.threadId);
    if (list) list.push(m);
    else {
      const group = [m];
      threads.set(m.threadId, group);
      groups.push(group);
    }
  }
  return groups;
}
