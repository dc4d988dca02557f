import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { DateTime } from 'luxon';
import { REPLY_LANGUAGES, type ReplyLanguage } from '../settings.js';
import { decimalAmount } from './invoice-mail.js';
import { RATE_UNITS, type Invoice, type Scope } from './types.js';

export interface InputIssue {
  path: string;
  message: string;
}
type Result<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

const Currency = Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217 code, e.g. EUR' });
const Amount = Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 1e11 }), Type.String({ minLength: 1, maxLength: 20 })]);
const LocalDate = Type.String({ minLength: 1, maxLength: 10, description: 'YYYY-MM-DD' });

export const ScopeInput = Type.Object(
  {
    deliverables: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 })),
    revisionRounds: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()])),
    rate: Type.Optional(Type.Union([Amount, Type.Null()])),
    currency: Type.Optional(Type.Union([Currency, Type.Null()])),
    unit: Type.Optional(Type.Union([...RATE_UNITS.map((u) => Type.Literal(u)), Type.Null()])),
  },
  { additionalProperties: false },
);

export const InvoiceInput = Type.Object(
  {
    reference: Type.String({ minLength: 1, maxLength: 60 }),
    amount: Amount,
    currency: Currency,
    issuedOn: Type.Optional(LocalDate),
    dueOn: LocalDate,
    paidOn: Type.Optional(Type.Union([LocalDate, Type.Null()])),
    contact: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
    language: Type.Optional(Type.Union([...REPLY_LANGUAGES.map((l) => Type.Literal(l)), Type.Null()])),
  },
  { additionalProperties: false },
);

export const InvoicePatch = Type.Object(
  {
    reference: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    amount: Type.Optional(Amount),
    currency: Type.Optional(Currency),
    issuedOn: Type.Optional(LocalDate),
    dueOn: Type.Optional(LocalDate),
    paidOn: Type.Optional(Type.Union([LocalDate, Type.Null()])),
    contact: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
    language: Type.Optional(Type.Union([...REPLY_LANGUAGES.map((l) => Type.Literal(l)), Type.Null()])),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('dismissed')])),
  },
  { additionalProperties: false },
);

const WORDS: Record<string, string> = {
  currency: 'a three-letter currency code, e.g. EUR',
  amount: 'an amount greater than 0, e.g. 1200 or 1200.50',
  rate: 'an amount greater than 0, e.g. 45 or 45.50',
  unit: `one of ${RATE_UNITS.join(', ')}`,
  contact: 'an e-mail address',
  language: `one of ${REPLY_LANGUAGES.join(', ')}`,
  revisionRounds: 'a whole number from 0 to 100',
  status: 'open or dismissed',
};

function schemaIssues(schema: Parameters<typeof Value.Errors>[0], input: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(schema, input)) {
    const path = e.path.split('/').filter(Boolean).join('.') || '(body)';
    if (seen.has(path)) continue; // a union reports once per branch: one message is enough
    seen.add(path);
    issues.push({ path, message: WORDS[path.split('.')[0]!] ? `expected ${WORDS[path.split('.')[0]!]}` : e.message });
  }
  return issues;
}

/** A real calendar date between 1970 and 9999. */
function localDate(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = DateTime.fromISO(value, { zone: 'utc' });
  return d.isValid && d.year >= 1970 && d.year <= 9999 ? value : null;
}

const DATE_HINT = 'expected a date as YYYY-MM-DD, e.g. 2026-12-15';

function amountOf(value: string | number, path: string, issues: InputIssue[]): string | undefined {
  const a = typeof value === 'number' ? (value > 0 ? value.toFixed(2) : null) : decimalAmount(value);
  if (!a || Number(a) >= 1e11) issues.push({ path, message: `expected ${WORDS[path]}` });
  return a ?? undefined;
}

function dateOf(value: string | undefined, path: string, issues: InputIssue[]): string | undefined {
  if (value === undefined) return undefined;
  const d = localDate(value);
  if (!d) issues.push({ path, message: DATE_HINT });
  return d ?? undefined;
}

export function parseScope(input: unknown): Result<Scope> {
  const issues = schemaIssues(ScopeInput, input);
  if (issues.length > 0) return { ok: false, issues };
  const b = input as Static<typeof ScopeInput>;
  const rate = b.rate === undefined || b.rate === null ? null : amountOf(b.rate, 'rate', issues) ?? null;
  if (rate !== null && (!b.currency || !b.unit)) {
    if (!b.currency) issues.push({ path: 'currency', message: 'a rate needs its currency, e.g. EUR' });
    if (!b.unit) issues.push({ path: 'unit', message: `a rate needs what it is per: ${RATE_UNITS.join(', ')}` });
  }
  if (issues.length > 0) return { ok: false, issues };
  const deliverables = [...new Set((b.deliverables ?? []).map((d) => d.trim()).filter(Boolean))];
  return { ok: true, value: { deliverables, revisionRounds: b.revisionRounds ?? null, rate, currency: b.currency?.toUpperCase() ?? null, unit: b.unit ?? null } };
}

export type NewInvoice = Pick<Invoice, 'reference' | 'amount' | 'currency' | 'issuedOn' | 'dueOn' | 'paidOn' | 'contact' | 'language'>;

export function parseInvoice(input: unknown, today: string): Result<NewInvoice> {
  const issues = schemaIssues(InvoiceInput, input);
  if (issues.length > 0) return { ok: false, issues };
  const b = input as Static<typeof InvoiceInput>;
  const amount = amountOf(b.amount, 'amount', issues);
  const issuedOn = dateOf(b.issuedOn, 'issuedOn', issues) ?? today;
  const dueOn = dateOf(b.dueOn, 'dueOn', issues);
  const paidOn = b.paidOn ? dateOf(b.paidOn, 'paidOn', issues) ?? null : null;
  if (dueOn && issuedOn && dueOn < issuedOn) issues.push({ path: 'dueOn', message: 'the due date is before the invoice date' });
  if (issues.length > 0 || !amount || !dueOn) return { ok: false, issues };
  return { ok: true, value: { reference: b.reference.trim(), amount, currency: b.currency.toUpperCase(), issuedOn, dueOn, paidOn, contact: b.contact?.toLowerCase() ?? null, language: (b.language ?? null) as ReplyLanguage | null } };
}

export type InvoiceChange = Partial<NewInvoice> & { status?: 'open' | 'dismissed' };

export function parseInvoiceChange(input: unknown, current: Pick<Invoice, 'issuedOn' | 'dueOn'>): Result<InvoiceChange> {
  const issues = schemaIssues(InvoicePatch, input);
  if (issues.length > 0) return { ok: false, issues };
  const b = input as Static<typeof InvoicePatch>;
  const change: InvoiceChange = {};
  if (b.reference !== undefined) change.reference = b.reference.trim();
  if (b.amount !== undefined) change.amount = amountOf(b.amount, 'amount', issues);
  if (b.currency !== undefined) change.currency = b.currency.toUpperCase();
  if (b.issuedOn !== undefined) change.issuedOn = dateOf(b.issuedOn, 'issuedOn', issues);
  if (b.dueOn !== undefined) change.dueOn = dateOf(b.dueOn, 'dueOn', issues);
  if (b.paidOn !== undefined) change.paidOn = b.paidOn === null ? null : dateOf(b.paidOn, 'paidOn', issues) ?? null;
  if (b.contact !== undefined) change.contact = b.contact?.toLowerCase() ?? null;
  if (b.language !== undefined) change.language = (b.language ?? null) as ReplyLanguage | null;
  if (b.status !== undefined) change.status = b.status;
  const issued = change.issuedOn ?? current.issuedOn;
  const due = change.dueOn ?? current.dueOn;
  if (issues.length === 0 && due < issued) issues.push({ path: 'dueOn', message: 'the due date is before the invoice date' });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: change };
}
