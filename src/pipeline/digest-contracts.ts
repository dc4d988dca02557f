import { DateTime } from 'luxon';
import { effectiveStatus } from '../domain/agreements/contract.js';
import type { ContractDigestRow } from '../domain/digest/contracts.js';
import type { Settings } from '../domain/settings.js';
import { clientTraffic, listContracts } from '../storage/agreements.js';
import type { Db } from '../storage/db.js';

const WORK_WINDOW_MS = 14 * 86_400_000;

/** Listed clients who wrote in the last two weeks while their contract is not signed (or has ended). */
export async function contractsDigest(db: Db, userId: string, now: Date, settings: Settings): Promise<ContractDigestRow[]> {
  const [traffic, contracts] = await Promise.all([clientTraffic(db, userId, new Date(now.getTime() - WORK_WINDOW_MS)), listContracts(db, userId)]);
  const byClient = new Map(contracts.map((c) => [c.clientId, c.state]));
  const names = new Map(settings.clients.filter((c) => c.id).map((c) => [c.id!, c.name]));
  const at = DateTime.fromJSDate(now, { zone: settings.timeZone });
  const day = (iso: string | null) => (iso ? DateTime.fromISO(iso, { zone: settings.timeZone }).toFormat('d LLL') : null);
  const rows: ContractDigestRow[] = [];
  for (const t of traffic) {
    const name = names.get(t.clientId);
    const state = byClient.get(t.clientId);
    const status = state ? effectiveStatus(state, at) : 'none';
    if (!name || status === 'signed') continue;
    rows.push({ client: name, status, since: status === 'sent' ? day(state?.sentAt ?? null) : status === 'expired' ? day(state?.expiresAt ?? null) : null, messages: t.messages, refusal: state?.refusal ?? null });
  }
  return rows.sort((a, b) => b.messages - a.messages || a.client.localeCompare(b.client));
}
