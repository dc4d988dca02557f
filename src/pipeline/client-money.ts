import { latePayers } from '../domain/money/late-payer.js';
import { daysLate, isOverdue, localDate } from '../domain/money/reminder-stage.js';
import type { Scope } from '../domain/money/types.js';
import type { Db } from '../storage/db.js';
import { listExpectations } from '../storage/expectations.js';
import { listInvoices, type InvoiceRecord } from '../storage/invoices.js';
import { getScope, scopeRequests, type ScopeRequest } from '../storage/scopes.js';

export interface ClientMoney {
  scope: Scope | null;
  /** Revision rounds included: the scope's, else an open revision-limit agreement's. */
  includedRounds: number | null;
  /** The latest revision round counted from mail (0: none yet). */
  revisionRound: number;
  extraWorkRequests: number;
  requests: ScopeRequest[];
  invoices: Array<InvoiceRecord & { overdue: boolean; daysLate: number }>;
  latePayer: boolean;
}

/** Everything the client page and its API show about scope and money, as of `now` in `zone`. */
export async function clientMoney(db: Db, userId: string, clientId: string, now: Date, zone: string): Promise<ClientMoney> {
  const [scope, requests, invoices, expectations] = await Promise.all([getScope(db, userId, clientId), scopeRequests(db, userId, clientId), listInvoices(db, userId, clientId), listExpectations(db, userId, clientId)]);
  const today = localDate(now, zone);
  const limit = expectations.find((e) => e.kind === 'revision-limit' && e.status !== 'met');
  return {
    scope,
    includedRounds: scope?.revisionRounds ?? limit?.params.limit ?? null,
    revisionRound: Math.max(0, ...requests.map((r) => r.round ?? 0)),
    extraWorkRequests: requests.filter((r) => r.kind === 'extra-work').length,
    requests,
    invoices: invoices.map((i) => ({ ...i, overdue: isOverdue(i, today), daysLate: daysLate(i, today) })),
    latePayer: latePayers(invoices).length > 0,
  };
}
