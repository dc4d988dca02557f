import type { Address } from './message.js';
import type { Client, Settings } from './settings.js';

/**
 * Who counts as a client. A listed client matches by exact address first, then by domain
 * (a subdomain matches its parent: billing.acme.com belongs to acme.com). In `external` mode
 * anyone outside the user's own addresses and domains is an implicit client with defaults.
 */

export interface ClientIndex {
  byAddress: Map<string, Client>;
  byDomain: Map<string, Client>;
  ownAddresses: Set<string>;
  ownDomains: Set<string>;
}

// Settings objects are treated as immutable once parsed, so the index is built once per object.
const indexes = new WeakMap<Settings, ClientIndex>();

export function clientIndex(settings: Settings): ClientIndex {
  let index = indexes.get(settings);
  if (index) return index;
  index = {
    byAddress: new Map(),
    byDomain: new Map(),
    ownAddresses: new Set(settings.addresses.map((a) => a.trim().toLowerCase())),
    ownDomains: new Set(settings.ownDomains.map(normalizeDomain)),
  };
  for (const client of settings.clients) {
    // The first listing wins, so the order of settings.clients decides overlaps.
    for (const a of client.addresses) {
      const key = a.trim().toLowerCase();
      if (!index.byAddress.has(key)) index.byAddress.set(key, client);
    }
    for (const d of client.domains) {
      const key = normalizeDomain(d);
      if (!index.byDomain.has(key)) index.byDomain.set(key, client);
    }
  }
  indexes.set(settings, index);
  return index;
}

function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

/** Walks acme.com's subdomains up to the registered parent: a.b.acme.com → b.acme.com → acme.com. */
function findByDomain(map: Map<string, Client> | Set<string>, domain: string): Client | true | undefined {
  let d = domain;
  for (;;) {
    const hit = map instanceof Map ? map.get(d) : map.has(d) ? true : undefined;
    if (hit) return hit;
    const dot = d.indexOf('.');
    if (dot < 0) return undefined;
    d = d.slice(dot + 1);
  }
}

export function isOwnAddress(address: string, settings: Settings): boolean {
  return clientIndex(settings).ownAddresses.has(address.toLowerCase());
}

export function isOwnDomain(address: string, settings: Settings): boolean {
  return findByDomain(clientIndex(settings).ownDomains, domainOf(address)) === true;
}

/** The listed client for an address, ignoring the mode. */
export function listedClient(address: string, settings: Settings): Client | null {
  const index = clientIndex(settings);
  const key = address.toLowerCase();
  const exact = index.byAddress.get(key);
  if (exact) return exact;
  if (index.byDomain.size === 0) return null;
  const byDomain = findByDomain(index.byDomain, domainOf(key));
  return byDomain && byDomain !== true ? byDomain : null;
}

/**
 * The client behind a sender, or null when the sender is not a client: unlisted in `listed` mode,
 * or the user's own address or domain in `external` mode. Implicit clients have no id.
 */
export function matchClient(address: string | Address, settings: Settings): Client | null {
  const addr = (typeof address === 'string' ? address : address.address).trim().toLowerCase();
  const listed = listedClient(addr, settings);
  if (listed) return listed;
  if (settings.clientMode === 'listed') return null;
  if (isOwnAddress(addr, settings) || isOwnDomain(addr, settings)) return null;
  const name = typeof address === 'string' ? undefined : address.name?.trim();
  return { name: name || addr, addresses: [addr], domains: [], vip: false, autoReply: true };
}

/**
 * `matchClient` for one pass over many messages, asked once per distinct address: a mailbox has
 * thousands of messages but few correspondents. An implicit client (external mode) is then one
 * object per address rather than one per message; callers only read it.
 */
export function clientMatcher(settings: Settings): (address: string) => Client | null {
  const known = new Map<string, Client | null>();
  return (address) => {
    let client = known.get(address);
    if (client === undefined) known.set(address, (client = matchClient(address, settings)));
    return client;
  };
}
