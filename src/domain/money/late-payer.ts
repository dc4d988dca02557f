import { paidLate } from './reminder-stage.js';
import type { Invoice } from './types.js';

/** Two invoices paid late make a pattern worth knowing before agreeing to new work. */
export const LATE_PAYER_THRESHOLD = 2;

export interface LatePayer {
  clientId: string;
  paidLate: number;
  invoices: string[];
}

/** Clients with at least two invoices paid after their due date. */
export function latePayers(invoices: Array<Pick<Invoice, 'clientId' | 'reference' | 'dueOn' | 'paidOn' | 'status'>>): LatePayer[] {
  const byClient = new Map<string, string[]>();
  for (const i of invoices) {
    if (i.status !== 'open' || !paidLate(i)) continue;
    byClient.set(i.clientId, [...(byClient.get(i.clientId) ?? []), i.reference]);
  }
  return [...byClient].filter(([, refs]) => refs.length >= LATE_PAYER_THRESHOLD).map(([clientId, refs]) => ({ clientId, paidLate: refs.length, invoices: refs }));
}
