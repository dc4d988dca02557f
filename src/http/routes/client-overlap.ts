import type { Client } from '../../domain/settings.js';
import type { Db } from '../../storage/db.js';
import { listClients } from '../../storage/settings-store.js';
import { ConflictError } from '../errors.js';

/**
 * One address (or domain) belongs to one client: otherwise which client's hours and overrides
 * apply to a message would depend on list order. A second client with the same name is refused
 * too, as it is almost always the same client added twice. `exceptId` is the client being replaced.
 */
export async function refuseOverlap(db: Db, userId: string, client: Client, exceptId?: string): Promise<void> {
  const others = (await listClients(db, userId)).filter((c) => c.id !== exceptId);
  const issues: Array<{ path: string; message: string }> = [];
  const name = client.name.trim().toLowerCase();
  const sameName = others.find((c) => c.name.trim().toLowerCase() === name);
  if (sameName) issues.push({ path: 'name', message: `you already have a client called "${sameName.name}"; edit that one instead` });
  const check = (field: 'addresses' | 'domains', word: string) =>
    client[field].forEach((value, i) => {
      const owner = others.find((c) => c[field].some((v) => v.toLowerCase() === value.toLowerCase()));
      if (owner) issues.push({ path: `${field}[${i}]`, message: `${value} is already ${word} of your client "${owner.name}"; one ${word.replace(/^an? /, '')} belongs to one client` });
    });
  check('addresses', 'an address');
  check('domains', 'a domain');
  if (issues.length > 0) throw new ConflictError(`This client overlaps another: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}
