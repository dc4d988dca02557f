import { DateTime } from 'luxon';
import { changeContract, withEvidence, type ChangeResult, type ContractChange, type ContractEvidence, type ContractState } from '../domain/agreements/contract.js';
import { getContract, saveContract } from '../storage/agreements.js';
import type { Db } from '../storage/db.js';

/** Tries a read-change-write a few times: two workers (or a worker and the user) may write at once. */
async function update<T>(db: Db, userId: string, clientId: string, at: Date, change: (s: ContractState) => { next: ContractState | null; result: T }): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const stored = await getContract(db, userId, clientId);
    const { next, result } = change(stored.state);
    if (!next || (await saveContract(db, userId, clientId, next, stored.version, at))) return result;
    if (attempt >= 4) throw new Error(`the contract of client ${clientId} kept changing while it was written`);
  }
}

/** Records what a message says about the contract; true when it added something (a refusal or a suggestion). */
export function recordContractEvidence(db: Db, userId: string, clientId: string, evidence: ContractEvidence, at: Date, ref: string | null): Promise<boolean> {
  return update(db, userId, clientId, at, (s) => {
    const next = withEvidence(s, evidence, DateTime.fromJSDate(at, { zone: 'utc' }), ref);
    return { next, result: next !== null };
  });
}

/** A status the user sets by hand (API or web); the issues name the field when the dates do not fit. */
export function setContract(db: Db, userId: string, clientId: string, change: ContractChange, at: Date, reason?: string): Promise<ChangeResult> {
  return update(db, userId, clientId, at, (s) => {
    const result = changeContract(s, change, DateTime.fromJSDate(at, { zone: 'utc' }), reason);
    return { next: result.ok ? result.value : null, result };
  });
}

/** Forgets a suggestion from mail; the status stays as it is. */
export function dismissContractSuggestion(db: Db, userId: string, clientId: string, at: Date): Promise<boolean> {
  return update(db, userId, clientId, at, (s) => ({ next: s.suggestion ? { ...s, suggestion: null } : null, result: s.suggestion !== null }));
}
