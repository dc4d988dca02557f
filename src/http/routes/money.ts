import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { parseInvoice, parseInvoiceChange, parseScope, type InputIssue } from '../../domain/money/input.js';
import { localDate } from '../../domain/money/reminder-stage.js';
import { clientMoney } from '../../pipeline/client-money.js';
import { logActivity } from '../../storage/activity.js';
import type { Db } from '../../storage/db.js';
import { deleteInvoice, getInvoice, insertInvoice, listInvoices, updateInvoice } from '../../storage/invoices.js';
import { putScope } from '../../storage/scopes.js';
import { getClient, getSettings } from '../../storage/settings-store.js';
import { caller } from '../auth.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';

const ClientId = Type.Object({ id: Type.String({ minLength: 1 }) });
const InvoiceId = Type.Object({ id: Type.String({ minLength: 1 }), invoiceId: Type.String({ minLength: 1 }) });
const AnyObject = Type.Object({}, { additionalProperties: true });
const sec = [{ bearer: [] }];

const invalid = (what: string, issues: InputIssue[]) => new ValidationError(`Invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
const taken = (reference: string) => new ConflictError(`This client already has an invoice ${reference}.`, [{ path: 'reference', message: 'already used for this client' }]);

/** Scope and invoices per client (issue 20): what the client page edits, and scripts can too. */
export function moneyRoutes(deps: { db: Db; now: () => Date }) {
  const { db, now } = deps;
  const zoneOf = async (userId: string) => (await getSettings(db, userId)).settings.timeZone;
  const ownedClient = async (userId: string, id: string) => {
    if (!(await getClient(db, userId, id))) throw new NotFoundError('No such client');
  };
  const ownedInvoice = async (userId: string, clientId: string, id: string) => {
    await ownedClient(userId, clientId);
    const invoice = await getInvoice(db, userId, id);
    if (!invoice || invoice.clientId !== clientId) throw new NotFoundError('No such invoice');
    return invoice;
  };

  return async (app: FastifyInstance) => {
    const opts = (summary: string, extra: object = {}) => ({ onRequest: app.requireUser, schema: { tags: ['money'], summary, security: sec, ...extra } });

    app.get('/api/clients/:id/money', opts('Scope, revision rounds counted from mail, invoices and whether the client pays late.', { params: ClientId }), async (req) => {
      const userId = caller(req).id;
      const { id } = req.params as { id: string };
      await ownedClient(userId, id);
      return clientMoney(db, userId, id, now(), await zoneOf(userId));
    });

    app.put('/api/clients/:id/scope', opts('Record the scope: deliverables, revision rounds included, rate, currency and what the rate is per.', { params: ClientId, body: AnyObject }), async (req) => {
      const userId = caller(req).id;
      const { id } = req.params as { id: string };
      await ownedClient(userId, id);
      const parsed = parseScope(req.body);
      if (!parsed.ok) throw invalid('scope', parsed.issues);
      await putScope(db, userId, id, parsed.value, now());
      return { scope: parsed.value };
    });

    app.get('/api/invoices', opts('All your invoices: suggested from sent mail, open, paid and dismissed.'), async (req) => ({ invoices: await listInvoices(db, caller(req).id) }));

    app.post('/api/clients/:id/invoices', opts('Enter an invoice by hand: reference, amount, currency, due date (YYYY-MM-DD).', { params: ClientId, body: AnyObject }), async (req, reply) => {
      const userId = caller(req).id;
      const { id } = req.params as { id: string };
      await ownedClient(userId, id);
      const parsed = parseInvoice(req.body, localDate(now(), await zoneOf(userId)));
      if (!parsed.ok) throw invalid('invoice', parsed.issues);
      const invoice = await insertInvoice(db, userId, id, parsed.value, { status: 'open', source: 'manual' }, now());
      if (!invoice) throw taken(parsed.value.reference);
      return reply.status(201).send({ invoice });
    });

    app.patch('/api/clients/:id/invoices/:invoiceId', opts('Change an invoice, confirm a suggested one (status open), dismiss it, or mark it paid (paidOn).', { params: InvoiceId, body: AnyObject }), async (req) => {
      const userId = caller(req).id;
      const { id, invoiceId } = req.params as { id: string; invoiceId: string };
      const current = await ownedInvoice(userId, id, invoiceId);
      const parsed = parseInvoiceChange(req.body, current);
      if (!parsed.ok) throw invalid('change', parsed.issues);
      const invoice = await updateInvoice(db, userId, invoiceId, parsed.value, now()).catch((err: { code?: string }) => {
        if (err.code === '23505') throw taken(parsed.value.reference ?? current.reference);
        throw err;
      });
      if (!invoice) throw new NotFoundError('No such invoice');
      if (parsed.value.paidOn && !current.paidOn) {
        await logActivity(db, { userId, clientId: id, kind: 'invoice.paid', summary: `Invoice ${invoice.reference} marked paid on ${invoice.paidOn}${invoice.paidOn! > invoice.dueOn ? ` (due ${invoice.dueOn}: paid late)` : ''}.`, ref: invoice.id, at: now() });
      }
      return { invoice };
    });

    app.delete('/api/clients/:id/invoices/:invoiceId', opts('Forget an invoice.', { params: InvoiceId }), async (req, reply) => {
      const userId = caller(req).id;
      const { id, invoiceId } = req.params as { id: string; invoiceId: string };
      await ownedClient(userId, id);
      if (!(await deleteInvoice(db, userId, id, invoiceId))) throw new NotFoundError('No such invoice');
      return reply.status(204).send();
    });
  };
}
