import type { ProviderKind } from '../domain/message.js';
import type { Db } from '../storage/db.js';
import { findAccountByAddress } from '../storage/accounts.js';

export interface PushTarget {
  id: string;
  status: string;
}

/**
 * Remembers which account a pushed mailbox address belongs to, briefly. A push storm for one
 * mailbox is the normal case, and reading the account row for each push was most of the
 * database work on the ingress path. A stale answer is harmless: the sync job itself re-reads
 * the account and skips one that was deleted or needs reconnecting, and a sync reads from the
 * stored cursor, so the next push or poll after the entry expires picks up anything missed.
 * Unknown addresses are not remembered, so a mailbox connected a moment ago is found at once.
 */
export class AccountLookup {
  private readonly cache = new Map<string, { target: PushTarget; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 10_000,
    private readonly max = 10_000,
  ) {}

  async find(provider: ProviderKind, address: string, nowMs: number): Promise<PushTarget | undefined> {
    const key = `${provider} ${address.trim().toLowerCase()}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > nowMs) return hit.target;
    const row = await findAccountByAddress(this.db, provider, address);
    if (!row) return undefined;
    const target = { id: row.id, status: row.status };
    if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { target, until: nowMs + this.ttlMs });
    return target;
  }
}
