import { daysLate, localDate, reminderStageDue } from '../domain/money/reminder-stage.js';
import { paymentReminderText } from '../domain/money/reminder-text.js';
import type { ReplyLanguage } from '../domain/settings.js';
import { listUserAccounts } from '../storage/accounts.js';
import { logActivity } from '../storage/activity.js';
import { listInvoices, messageThread, recordReminderStage, type InvoiceRecord } from '../storage/invoices.js';
import { effectiveSettings } from '../storage/settings-store.js';
import type { PipelineContext } from './context.js';
import { requestDraft } from './drafts.js';

const STAGE_WORDS = { before: 'due in a few days', due: 'due today', 'late-7': 'a week overdue', 'late-30': 'a month overdue' } as const;

/**
 * Drafts the payment reminder each open invoice has reached: before it is due, on the day, a
 * week late and a month late, each once. Runs with the follow-up scan. The draft's key names the
 * invoice and stage, and the stage is recorded only after the draft was asked for, so a crash in
 * between asks again and the draft still comes once. With drafting off nothing is recorded: the
 * reminder that fits the day is drafted once the user turns it on.
 */
export async function draftPaymentReminders(ctx: PipelineContext, userId: string, now: Date): Promise<number> {
  const open = (await listInvoices(ctx.db, userId)).filter((i) => i.status === 'open' && !i.paidOn);
  if (open.length === 0) return 0;
  const settings = await effectiveSettings(ctx.db, userId);
  const accounts = (await listUserAccounts(ctx.db, userId)).filter((a) => a.status !== 'needs-reconnect');
  let drafted = 0;
  for (const invoice of open) {
    const stage = reminderStageDue(invoice, new Set(invoice.reminders.map((r) => r.stage)), now, settings.timeZone);
    if (!stage) continue;
    const client = settings.clients.find((c) => c.id === invoice.clientId);
    const to = invoice.contact ?? client?.addresses[0];
    const account = accounts.find((a) => a.id === invoice.accountId) ?? accounts[0];
    if (!client || !to || !account) continue;
    const language = (invoice.language ?? client.language ?? settings.language) as ReplyLanguage;
    const today = localDate(now, settings.timeZone);
    const { subject, text } = paymentReminderText(stage, { ...invoice, daysLate: daysLate(invoice, today), today, clientName: null, userName: settings.name }, language);
    const thread = await invoiceThread(ctx, invoice, account.id);
    const outcome = await requestDraft(ctx, {
      accountId: account.id, userId, clientId: client.id ?? null, kind: 'payment-reminder', dedupeKey: `payment-reminder:${invoice.id}:${stage}`,
      to, subject, text, language, ...(thread ? { inReplyTo: thread } : {}),
    });
    if (outcome === 'off') continue;
    if (!(await recordReminderStage(ctx.db, invoice.id, stage, now))) continue;
    drafted += 1;
    await logActivity(ctx.db, {
      userId, accountId: account.id, clientId: client.id ?? null, kind: 'payment.reminder',
      summary: `Invoice ${invoice.reference} to ${client.name} is ${STAGE_WORDS[stage]}: a reminder is drafted in your mailbox for you to read and send.`,
      ref: invoice.id, at: now,
    });
  }
  return drafted;
}

/** A reminder for an invoice that went out by mail joins that thread. */
async function invoiceThread(ctx: PipelineContext, invoice: InvoiceRecord, accountId: string) {
  if (!invoice.providerMessageId || invoice.accountId !== accountId) return undefined;
  const t = await messageThread(ctx.db, accountId, invoice.providerMessageId);
  return t ? { providerMessageId: invoice.providerMessageId, messageId: t.messageId, threadId: t.threadId } : undefined;
}
