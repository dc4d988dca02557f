import { DateTime } from 'luxon';
import { matchClient } from '../domain/clients.js';
import { detectLanguage } from '../domain/language.js';
import type { MessageMeta } from '../domain/message.js';
import { invoiceInMail } from '../domain/money/invoice-mail.js';
import type { Settings } from '../domain/settings.js';
import { logActivity } from '../storage/activity.js';
import type { Db } from '../storage/db.js';
import { insertInvoice } from '../storage/invoices.js';
import type { PipelineContext } from './context.js';
import type { SentEvent } from './signal-reactions.js';

/**
 * The user's own sent mail that names an invoice to a client ("Invoice INV-14: EUR 1,200, due
 * 15 December") becomes a suggested invoice, for the user to confirm on the client page. Nothing
 * is chased until they do. Once per client and reference: the same invoice sent twice is one.
 */
export async function suggestInvoiceFromMail(ctx: PipelineContext, e: SentEvent): Promise<void> {
  await suggestInvoice(ctx.db, e.account, e.message, e.settings, ctx.now());
}

async function suggestInvoice(db: Db, account: { id: string; user_id: string }, m: MessageMeta, settings: Settings, now: Date): Promise<boolean> {
  const recipient = m.to.map((a) => ({ a, client: matchClient(a, settings) })).find((r) => r.client?.id);
  if (!recipient) return false;
  const client = recipient.client!;
  const language = client.language ?? detectLanguage(`${m.subject}\n${m.snippet ?? ''}`);
  const found = invoiceInMail(m.subject, m.snippet ?? '', { sentAt: DateTime.fromISO(m.receivedAt, { zone: 'utc' }), zone: settings.timeZone, language });
  if (!found) return false;
  const invoice = await insertInvoice(
    db, account.user_id, client.id!,
    { reference: found.reference, amount: found.amount, currency: found.currency, issuedOn: found.issuedOn, dueOn: found.dueOn, paidOn: null, contact: recipient.a.address, language },
    { status: 'suggested', source: 'mail', accountId: account.id, providerMessageId: m.providerMessageId },
    now,
  );
  if (!invoice) return false;
  await logActivity(db, {
    userId: account.user_id, accountId: account.id, clientId: client.id!, kind: 'invoice.suggested',
    summary: `Found invoice ${found.reference} (${found.amount} ${found.currency}, due ${found.dueOn}${found.dueNamed ? '' : ', assumed: no due date in the mail'}) in your mail to ${client.name}. Confirm it on the client page to get payment reminders.`,
    ref: invoice.id, at: now,
  });
  return true;
}
