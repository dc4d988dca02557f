import type { Line, Section } from './sections.js';
import { plural } from './words.js';

/** Money and scope for the digest (issue 20): stored with the model, worded by `moneySection`. */
export interface MoneyDigest {
  overdue: Array<{ client: string; reference: string; amount: string; currency: string; daysLate: number }>;
  latePayers: Array<{ client: string; paidLate: number }>;
  /** Requests since the previous digest, per client. */
  scope: Array<{ client: string; extraWork: number; revisions: number; round: number; includedRounds: number | null }>;
  /** Clients who asked for new work while an invoice was overdue, since the previous digest. */
  warnings: Array<{ client: string; count: number }>;
}

export const moneyIsEmpty = (m: MoneyDigest | undefined): boolean =>
  !m || (m.overdue.length === 0 && m.latePayers.length === 0 && m.scope.length === 0 && m.warnings.length === 0);

/** One section: warnings first, then overdue invoices, late payers and scope creep. */
export function moneySection(m: MoneyDigest | undefined): Section | null {
  if (!m || moneyIsEmpty(m)) return null;
  const lines: Line[] = [
    ...m.warnings.map((w) => ({ text: `${w.client} asked for new work while an invoice is overdue${w.count > 1 ? ` (${w.count} times)` : ''}: settle the invoice before saying yes.` })),
    ...m.overdue.map((o) => ({ text: `Invoice ${o.reference} to ${o.client} (${o.amount} ${o.currency}) is ${plural(o.daysLate, 'day')} overdue.`, note: 'a reminder draft waits in your mailbox at each stage' })),
    ...m.latePayers.map((l) => ({ text: `${l.client} has paid ${l.paidLate} invoices late: consider a deposit or shorter terms.` })),
    ...m.scope.map((s) => ({ text: scopeText(s) })),
  ];
  return { id: 'money', title: 'Money and scope', lines };
}

function scopeText(s: MoneyDigest['scope'][number]): string {
  const parts: string[] = [];
  if (s.extraWork > 0) parts.push(`${plural(s.extraWork, 'request')} beyond the agreed scope`);
  if (s.revisions > 0) parts.push(`revision round ${s.round}${s.includedRounds !== null ? ` of ${s.includedRounds} included${s.round > s.includedRounds ? ' (beyond what was agreed)' : ''}` : ''}`);
  return `${s.client}: ${parts.join('; ')}.`;
}
