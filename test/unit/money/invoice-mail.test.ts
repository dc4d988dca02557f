import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { invoiceInMail } from '../../../src/domain/money/invoice-mail.js';
import { parseInvoice, parseScope } from '../../../src/domain/money/input.js';

const sentAt = DateTime.fromISO('2026-12-01T10:00:00Z');
const read = (subject: string, snippet = '', language: 'en' | 'ru' | 'sq' | 'kk' | 'tl' | null = null) => invoiceInMail(subject, snippet, { sentAt, zone: 'Europe/Tirane', language });

describe('invoices in sent mail', () => {
  it('reads number, amount, currency and due date', () => {
    expect(read('Invoice INV-2026-014', 'Hi Anna, attached is the invoice for EUR 1,200.00, due 15 December 2026.', 'en')).toEqual({ reference: 'INV-2026-014', amount: '1200.00', currency: 'EUR', issuedOn: '2026-12-01', dueOn: '2026-12-15', dueNamed: true });
    expect(read('Счёт № 17 за дизайн', 'Сумма 45 000 ₽, оплатить до 10 декабря.', 'ru')).toMatchObject({ reference: '17', amount: '45000.00', currency: 'RUB', dueOn: '2026-12-10' });
    expect(read('Fatura nr. 12', 'Shuma: 300 EUR.', 'sq')).toMatchObject({ reference: '12', amount: '300.00', currency: 'EUR', dueOn: '2026-12-15', dueNamed: false });
    expect(read('Invoice #88', 'Total $950 — payment due by December 20', 'tl')).toMatchObject({ reference: '88', amount: '950.00', currency: 'USD', dueOn: '2026-12-20' });
  });

  it('ignores mail that only talks about invoices', () => {
    expect(read('Re: the invoice', 'I will send the invoice tomorrow')).toBeNull();
    expect(read('Invoice INV-3', 'no amount here')).toBeNull();
    expect(read('Price list', 'EUR 300 per page')).toBeNull();
  });
});

describe('scope and invoice input', () => {
  it('takes a scope and says what is missing beside each field', () => {
    expect(parseScope({ deliverables: [' Logo ', 'Logo', 'Website'], revisionRounds: 2, rate: '45.5', currency: 'eur', unit: 'hour' })).toEqual({ ok: true, value: { deliverables: ['Logo', 'Website'], revisionRounds: 2, rate: '45.50', currency: 'EUR', unit: 'hour' } });
    const bad = parseScope({ rate: 'lots' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues).toEqual([{ path: 'rate', message: 'expected an amount greater than 0, e.g. 45 or 45.50' }]);
    const noCurrency = parseScope({ rate: 40 });
    if (!noCurrency.ok) expect(noCurrency.issues.map((i) => i.path)).toEqual(['currency', 'unit']);
    else expect.fail('a rate without currency must be refused');
  });

  it('takes an invoice, and refuses a due date before the invoice date or an impossible date', () => {
    expect(parseInvoice({ reference: 'A-1', amount: '1.200,50', currency: 'eur', dueOn: '2026-12-15' }, '2026-12-01')).toMatchObject({ ok: true, value: { amount: '1200.50', currency: 'EUR', issuedOn: '2026-12-01' } });
    const early = parseInvoice({ reference: 'A-1', amount: 10, currency: 'EUR', issuedOn: '2026-12-10', dueOn: '2026-12-01' }, '2026-12-01');
    expect(early.ok ? [] : early.issues).toEqual([{ path: 'dueOn', message: 'the due date is before the invoice date' }]);
    const impossible = parseInvoice({ reference: 'A-1', amount: 10, currency: 'EUR', dueOn: '2026-02-30' }, '2026-12-01');
    expect(impossible.ok ? [] : impossible.issues.map((i) => i.path)).toEqual(['dueOn']);
  });
});
