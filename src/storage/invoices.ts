import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { DateTime } from 'luxon';
import type { InvoiceChange, NewInvoice } from '../domain/money/input.js';
import type { Invoice, ReminderStage } from '../domain/money/types.js';
import type { ReplyLanguage } from '../domain/settings.js';
import type { OpenInvoice } from '../domain/signals/index.js';
import type { Db } from './db.js';
import type { InvoicesTable } from './schema.js';

export interface InvoiceRecord extends Invoice {
  accountId: string | null;
  providerMessageId: string | null;
  /** Stages whose reminder draft was made, with when. */
  reminders: Array<{ stage: ReminderStage; draftedAt: string }>;
}

function invoiceOf(row: Selectable<InvoicesTable>, reminders: InvoiceRecord['reminders'] = []): InvoiceRecord {
  return {
    id: row.id, clientId: row.client_id, reference: row.reference, amount: Number(row.amount).toFixed(2), currency: row.currency,
    issuedOn: row.issued_on, dueOn: row.due_on, paidOn: row.paid_on, status: row.status, source: row.source,
    contact: row.contact, language: row.language as ReplyLanguage | null, accountId: row.account_id, providerMessageId: row.provider_message_id, reminders,
  };
}

export interface InvoiceOrigin {
  status: 'suggested' | 'open';
  source: 'mail' | 'manual';
  accountId?: string | null;
  providerMessageId?: string | null;
}

/** Inserts an invoice; null when this client already has one with this reference. */
export async function insertInvoice(db: Db, userId: string, clientId: string, i: NewInvoice, origin: InvoiceOrigin, at: Date): Promise<InvoiceRecord | null> {
  const row = await db
    .insertInto('invoices')
    .values({
      id: randomUUID(), user_id: userId, client_id: clientId, reference: i.reference, amount: i.amount, currency: i.currency,
      issued_on: i.issuedOn, due_on: i.dueOn, paid_on: i.paidOn, status: origin.status, source: origin.source,
      account_id: origin.accountId ?? null, provider_message_id: origin.providerMessageId ?? null, contact: i.contact, language: i.language, created_at: at, updated_at: at,
    })
    .onConflict((oc) => oc.columns(['user_id', 'client_id', 'reference']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? invoiceOf(row) : null;
}

export async function updateInvoice(db: Db, userId: string, id: string, c: InvoiceChange, at: Date): Promise<InvoiceRecord | null> {
  const set = {
    ...(c.reference !== undefined ? { reference: c.reference } : {}),
    ...(c.amount !== undefined ? { amount: c.amount } : {}),
    ...(c.currency !== undefined ? { currency: c.currency } : {}),
    ...(c.issuedOn !== undefined ? { issued_on: c.issuedOn } : {}),
    ...(c.dueOn !== undefined ? { due_on: c.dueOn } : {}),
    ...(c.paidOn !== undefined ? { paid_on: c.paidOn } : {}),
    ...(c.contact !== undefined ? { contact: c.contact } : {}),
    ...(c.language !== undefined ? { language: c.language } : {}),
    ...(c.status !== undefined ? { status: c.status } : {}),
    updated_at: at,
  };
  const row = await db.updateTable('invoices').set(set).where('user_id', '=', userId).where('id', '=', id).returningAll().executeTakeFirst();
  return row ? invoiceOf(row, await remindersOf(db, [id]).then((m) => m.get(id) ?? [])) : null;
}

export async function deleteInvoice(db: Db, userId: string, clientId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('invoices').where('user_id', '=', userId).where('client_id', '=', clientId).where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

export async function getInvoice(db: Db, userId: string, id: string): Promise<InvoiceRecord | undefined> {
  const row = await db.selectFrom('invoices').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
  return row ? invoiceOf(row, (await remindersOf(db, [id])).get(id) ?? []) : undefined;
}

/** A user's invoices (one client's when given), oldest due first, with the reminders made. */
export async function listInvoices(db: Db, userId: string, clientId?: string): Promise<InvoiceRecord[]> {
  let q = db.selectFrom('invoices').selectAll().where('user_id', '=', userId);
  if (clientId) q = q.where('client_id', '=', clientId);
  const rows = await q.orderBy('due_on').orderBy('reference').execute();
  const reminders = await remindersOf(db, rows.map((r) => r.id));
  return rows.map((r) => invoiceOf(r, reminders.get(r.id) ?? []));
}

async function remindersOf(db: Db, ids: string[]): Promise<Map<string, InvoiceRecord['reminders']>> {
  const out = new Map<string, InvoiceRecord['reminders']>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('payment_reminders').selectAll().where('invoice_id', 'in', ids).orderBy('drafted_at').execute();
  for (const r of rows) out.set(r.invoice_id, [...(out.get(r.invoice_id) ?? []), { stage: r.stage as ReminderStage, draftedAt: r.drafted_at.toISOString() }]);
  return out;
}

/** Marks a stage drafted; false when it already was (another run got there first). */
export async function recordReminderStage(db: Db, invoiceId: string, stage: ReminderStage, at: Date): Promise<boolean> {
  const row = await db.insertInto('payment_reminders').values({ invoice_id: invoiceId, stage, drafted_at: at }).onConflict((oc) => oc.columns(['invoice_id', 'stage']).doNothing()).returning('stage').executeTakeFirst();
  return row !== undefined;
}


/** The thread and Message-ID of a recorded message, so a reminder can join the invoice's thread. */
export async function messageThread(db: Db, accountId: string, providerMessageId: string): Promise<{ threadId: string; messageId: string | null } | undefined> {
  const row = await db.selectFrom('messages').select(['thread_id', 'message_id']).where('account_id', '=', accountId).where('provider_message_id', '=', providerMessageId).executeTakeFirst();
  return row ? { threadId: row.thread_id, messageId: row.message_id } : undefined;
}

/**
 * A client's confirmed invoices as the signals read them: due at the end of the due day and paid
 * from the start of the paid day, in the user's zone, so a message on the due day is not "overdue".
 */
export async function invoiceHistory(db: Db, userId: string, clientId: string, zone: string): Promise<OpenInvoice[]> {
  const rows = await db.selectFrom('invoices').select(['reference', 'due_on', 'paid_on']).where('user_id', '=', userId).where('client_id', '=', clientId).where('status', '=', 'open').execute();
  return rows.map((r) => ({
    reference: r.reference,
    dueAt: DateTime.fromISO(r.due_on, { zone }).endOf('day').toUTC().toISO()!,
    paidAt: r.paid_on ? DateTime.fromISO(r.paid_on, { zone }).startOf('day').toUTC().toISO()! : null,
  }));
}
