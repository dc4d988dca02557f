import { DateTime } from 'luxon';
import { findDates } from '../dates/find-dates.js';
import type { ReplyLanguage } from '../settings.js';

/** An invoice the user's own sent mail names: a suggestion until the user confirms it. */
export interface InvoiceInMail {
  reference: string;
  /** Decimal text with two places. */
  amount: string;
  currency: string;
  issuedOn: string;
  dueOn: string;
  /** False when the mail named no due date and the default term was assumed. */
  dueNamed: boolean;
}

/** Assumed when the mail names no due date; the user corrects it when confirming. */
export const DEFAULT_TERM_DAYS = 14;

// "Invoice INV-2026-014", "Счёт № 17", "Шот №5", "Fatura nr. 12", "Invoice #88".
const INVOICE = /(?<![\p{L}])(?:invoice|inv\.|сч[её]т(?:-фактур\p{L}*)?|шот(?:-фактур\p{L}*)?|fatur\p{L}*|resibo)\s*(?:no\.?|nr\.?|number|num\.?|numri|№|#|n[°º])?\s*[:#]?\s*(?<ref>[\p{L}\p{N}][\p{L}\p{N}\-\/.]{0,24})/iu;

const SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '₽': 'RUB', '₸': 'KZT', '₱': 'PHP' };
const CODES = 'EUR|USD|GBP|CHF|ALL|LEK|RUB|KZT|PHP|CAD|AUD|PLN|SEK|NOK|DKK|CZK|HUF|TRY|UAH|JPY|руб|тг|тенге';
const NUMBER = '\\d{1,3}(?:[ \\u00a0.,’\']\\d{3})*(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?';
const AMOUNT = new RegExp(`(?:(?<c1>${CODES}|[€$£₽₸₱])\\s?(?<n1>${NUMBER}))|(?:(?<n2>${NUMBER})\\s?(?<c2>${CODES}|[€$£₽₸₱]))`, 'iu');
const CODE_ALIASES: Record<string, string> = { LEK: 'ALL', РУБ: 'RUB', ТГ: 'KZT', ТЕНГЕ: 'KZT' };

// Words that introduce the due date, in the five languages.
const DUE = /(?<![\p{L}])(?:due|payable|pay by|payment by|оплат\p{L}* до|срок оплаты|до|төлеу мерзімі|дейін|afati|deri më|deri në|para|bayaran bago|hanggang|bago ang)(?![\p{L}])/iu;

/** "1.200,50" and "1,200.50" and "1 200" → "1200.50" / "1200.00". */
export function decimalAmount(text: string): string | null {
  let s = text.replace(/[ \u00a0’']/g, '');
  const lastSep = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  if (lastSep >= 0 && s.length - lastSep - 1 <= 2) {
    s = `${s.slice(0, lastSep).replace(/[.,]/g, '')}.${s.slice(lastSep + 1)}`;
  } else {
    s = s.replace(/[.,]/g, '');
  }
  const n = Number(s);
  return Number.isFinite(n) && n > 0 ? n.toFixed(2) : null;
}

/**
 * An invoice in the user's own sent mail: the subject or first lines name an invoice with a
 * number and an amount ("Invoice INV-14: EUR 1,200 due 15 December"). The due date is read in
 * the mail's language; without one, the default term is assumed and said so.
 */
export function invoiceInMail(subject: string, snippet: string, ctx: { sentAt: DateTime; zone: string; language: ReplyLanguage | null }): InvoiceInMail | null {
  const text = `${subject}\n${snippet}`;
  const named = INVOICE.exec(text);
  const reference = named?.groups?.ref?.replace(/[.\-/]+$/, '');
  if (!reference || !/\p{N}/u.test(reference)) return null;
  const price = AMOUNT.exec(text);
  if (!price?.groups) return null;
  const amount = decimalAmount(price.groups.n1 ?? price.groups.n2 ?? '');
  const symbol = (price.groups.c1 ?? price.groups.c2 ?? '').toUpperCase();
  const currency = SYMBOLS[symbol] ?? CODE_ALIASES[symbol] ?? symbol;
  if (!amount || !currency) return null;
  const sent = ctx.sentAt.setZone(ctx.zone);
  const issuedOn = sent.toISODate()!;
  const due = dueDate(text, sent, ctx);
  return { reference, amount, currency, issuedOn, dueOn: due ?? sent.plus({ days: DEFAULT_TERM_DAYS }).toISODate()!, dueNamed: due !== null };
}

function dueDate(text: string, sent: DateTime, ctx: { zone: string; language: ReplyLanguage | null }): string | null {
  const dates = findDates(text, { language: ctx.language, now: sent, zone: ctx.zone }).filter((d) => d.at >= sent.startOf('day'));
  // A date right after a "due" word wins; otherwise the latest date named.
  const introduced = dates.find((d) => DUE.test(text.slice(Math.max(0, d.index - 24), d.index)));
  const pick = introduced ?? dates.sort((a, b) => b.at.toMillis() - a.at.toMillis())[0];
  return pick ? pick.at.toISODate() : null;
}
