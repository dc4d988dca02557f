import type { Config } from '../../config/load.js';
import type { TokenCipher } from '../auth/token-cipher.js';
import { imapAccessOf as imapAccessOfGrant, providers, type ConnectedProvider, type ImapAccess, type ProviderRegistry, type StoredGrant } from '../providers/registry.js';
import type { CallGate } from '../providers/types.js';
import { updateTokens, type AccountRow } from '../storage/accounts.js';
import type { Db } from '../storage/db.js';
import type { ProviderFactory } from './context.js';

export type { StoredGrant } from '../providers/registry.js';

export const grantOf = (cipher: TokenCipher, account: AccountRow) => JSON.parse(cipher.open(account.tokens)) as StoredGrant;

/** A provider client for a grant, made by the kind the grant names. `onGrant` persists refreshed or rotated credentials. */
export async function providerForGrant(config: Config, grant: StoredGrant, address: string, now: () => Date, onGrant: (g: StoredGrant) => Promise<void>, gate?: CallGate, registry: ProviderRegistry = providers): Promise<ConnectedProvider> {
  return registry.client({ config, grant, address, now, onGrant: (g) => onGrant(g as StoredGrant), ...(gate ? { gate } : {}) });
}

/**
 * `gate` gives each account's client the pause it shares with every other job of that account.
 * `registry` names the provider kinds this process knows (all of them, unless a caller narrows or extends it).
 *
 * Every job of an account asks for its client, and building one (opening the sealed grant, an SDK
 * client with its auth) cost more than the job's own work, so the last clients made are kept. A
 * client is only reused for the very grant it was made from: once a refresh or a reconnect stores
 * another, the next job builds a new one.
 */
export function createProviderFactory(deps: { config: Config; cipher: TokenCipher; db: Db; now: () => Date; gate?: (accountId: string) => CallGate; registry?: ProviderRegistry }): ProviderFactory {
  const { config, cipher, db, now } = deps;
  const made = new Map<string, { tokens: string; client: Promise<ConnectedProvider> }>();
  return (account: AccountRow) => {
    const hit = made.get(account.id);
    made.delete(account.id); // re-inserted below: the map's order is least recently used first
    if (hit && hit.tokens === account.tokens) {
      made.set(account.id, hit);
      return hit.client;
    }
    const client = Promise.resolve().then(() =>
      providerForGrant(config, grantOf(cipher, account), account.address, now, (g) => updateTokens(db, account.id, cipher.seal(JSON.stringify(g))), deps.gate?.(account.id), deps.registry));
    const entry = { tokens: account.tokens, client };
    made.set(account.id, entry);
    if (made.size > KEEP_CLIENTS) made.delete(made.keys().next().value!);
    client.catch(() => {
      if (made.get(account.id) === entry) made.delete(account.id);
    });
    return client;
  };
}

/** Clients kept per process: the mailboxes busy at one time, not all of them. */
const KEEP_CLIENTS = 500;

/** How to reach an IMAP account's servers, from its sealed grant; null for other kinds. */
export function imapAccessOf(config: Config, cipher: TokenCipher, account: AccountRow): ImapAccess | null {
  return imapAccessOfGrant(config, grantOf(cipher, account), account.address);
}

/** Revokes what the account's provider can revoke. */
export async function revokeGrant(config: Config, cipher: TokenCipher, account: AccountRow, registry: ProviderRegistry = providers): Promise<void> {
  await registry.revoke(config, grantOf(cipher, account));
}
