import type { MoneyDigest } from '../domain/digest/money.js';
import { latePayers } from '../domain/money/late-payer.js';
import { daysLate, isOverdue, localDate } from '../domain/money/reminder-stage.js';
import type { Settings } from '../domain/settings.js';
import type { Db } from '../storage/db.js';
import { listExpectations } from '../storage/expectations.js';
import { listInvoices } from '../storage/invoices.js';
import { getScope, scopeRequestCounts } from '../storage/scopes.js';

/** What the digest's money section needs: overdue invoices now, and scope requests since `since`. */
export async function moneyDigest(db: Db, userId: string, since: Date, now: Date, settings: Settings): Promise<MoneyDigest> {
  const nameOf = (id: string) => settings.clients.find((c) => c.id === id)?.name ?? 'A former client';
  const today = localDate(now, settings.timeZone);
  const [invoices, counts] = await Promise.all([listInvoices(db, userId), scopeRequestCounts(db, userId, since)]);
  const scope: MoneyDigest['scope'] = [];
  for (const c of counts.filter((x) => x.extraWork > 0 || x.revisions > 0)) {
    const [s, limit] = await Promise.all([getScope(db, userId, c.clientId), listExpectations(db, userId, c.clientId)]);
    const included = s?.revisionRounds ?? limit.find((e) => e.kind === 'revision-limit' && e.status !== 'met')?.params.limit ?? null;
    scope.push({ client: nameOf(c.clientId), extraWork: c.extraWork, revisions: c.revisions, round: c.lastRound, includedRounds: included });
  }
  return {
    overdue: invoices.filter((i) => isOverdue(i, today)).map((i) => ({ client: nameOf(i.clientId), reference: i.reference, amount: i.amount, currency: i.currency, daysLate: daysLate(i, today) })),
    latePayers: latePayers(invoices).map((l) => ({ client: nameOf(l.clientId), paidLate: l.paidLate })),
    scope,
    warnings: counts.filter((c) => c.newWorkWhileUnpaid > 0).map((c) => ({ client: nameOf(c.clientId), count: c.newWorkWhileUnpaid })),
  };
}
