import type { Expectation } from '../follow-up/expectations.js';

/**
 * What is still open between the user and a client before they end the relationship: "after
 * meeting your obligations". Each source (agreements, unanswered mail, invoices when they are
 * tracked) turns its own records into these items, so a new source is one more list.
 */
export interface OpenItem {
  /** Who owes it: the user ("you") or the client. */
  owedBy: 'you' | 'client';
  kind: 'deliverable' | 'answer' | 'payment' | 'invoice' | 'agreement';
  title: string;
  /** ISO instant or date, when there is one. */
  dueAt: string | null;
  /** The source's own status word: open, due, overdue, broken, unpaid… */
  status: string;
}

const DONE: ReadonlySet<string> = new Set(['met']);

/** Agreements not yet met, on both sides. */
export function expectationItems(expectations: Expectation[], clientId: string): OpenItem[] {
  return expectations
    .filter((e) => e.clientId === clientId && !DONE.has(e.status))
    .map((e) => ({
      owedBy: e.party === 'user' ? ('you' as const) : ('client' as const),
      kind: e.kind === 'payment' ? ('payment' as const) : e.kind === 'deliverable' ? ('deliverable' as const) : ('agreement' as const),
      title: e.title,
      dueAt: e.dueAt,
      status: e.status,
    }));
}

/** The user's items first (their obligations come before asking anything of the client), then by date. */
export function sortOpenItems(items: OpenItem[]): OpenItem[] {
  return [...items].sort((a, b) => Number(a.owedBy === 'client') - Number(b.owedBy === 'client') || (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
}
