import { RATE_UNITS } from '../../../domain/money/types.js';
import type { ClientMoney } from '../../../pipeline/client-money.js';
import type { InvoiceRecord } from '../../../storage/invoices.js';
import { html, type Html } from '../html.js';

const STAGE_WORDS: Record<string, string> = { before: 'before due', due: 'on the day', 'late-7': '7 days late', 'late-30': '30 days late' };

export function scopeSection(clientId: string, m: ClientMoney): Html {
  const s = m.scope;
  const rounds = m.revisionRound === 0 ? 'No revision rounds counted from mail yet.' : `Revision round ${m.revisionRound}${m.includedRounds !== null ? ` of ${m.includedRounds} included${m.revisionRound > m.includedRounds ? ': beyond what was agreed' : ''}` : ''}, counted from the client's mail.`;
  return html`<section class="card" id="scope">
  <h2>Scope</h2>
  <p class="small">${rounds} ${m.extraWorkRequests > 0 ? `${m.extraWorkRequests} request${m.extraWorkRequests === 1 ? '' : 's'} for work beyond the scope.` : ''}</p>
  <form class="json-form grid-form" data-method="PUT" data-url="/api/clients/${clientId}/scope" novalidate>
    <label class="field">Deliverables (one a line) <textarea name="deliverables" data-lines rows="3" placeholder="5-page website&#10;Logo">${(s?.deliverables ?? []).join('\n')}</textarea></label>
    <label class="field">Revision rounds included <input name="revisionRounds" type="number" min="0" max="100" step="1" value="${s?.revisionRounds ?? ''}"></label>
    <label class="field">Rate <input name="rate" inputmode="decimal" value="${s?.rate ?? ''}" placeholder="45.00"></label>
    <label class="field">Currency <input name="currency" maxlength="3" size="4" value="${s?.currency ?? ''}" placeholder="EUR"></label>
    <label class="field">Per <select name="unit"><option value="">—</option>${RATE_UNITS.map((u) => html`<option value="${u}"${s?.unit === u ? html` selected` : ''}>${u}</option>`)}</select></label>
    <p class="error small form-error" hidden></p>
    <div><button type="submit">Save scope</button></div>
  </form>
</section>`;
}

function invoiceForm(clientId: string, i: InvoiceRecord | null): Html {
  const url = i ? `/api/clients/${clientId}/invoices/${i.id}` : `/api/clients/${clientId}/invoices`;
  return html`<form class="json-form grid-form" data-method="${i ? 'PATCH' : 'POST'}" data-url="${url}" novalidate>
  <label class="field">Reference <input name="reference" value="${i?.reference ?? ''}" maxlength="60" placeholder="INV-2026-014"></label>
  <label class="field">Amount <input name="amount" inputmode="decimal" value="${i?.amount ?? ''}" placeholder="1200.00"></label>
  <label class="field">Currency <input name="currency" maxlength="3" size="4" value="${i?.currency ?? ''}" placeholder="EUR"></label>
  <label class="field">Issued on <input name="issuedOn" type="date" value="${i?.issuedOn ?? ''}"></label>
  <label class="field">Due on <input name="dueOn" type="date" value="${i?.dueOn ?? ''}"></label>
  <label class="field">Paid on <input name="paidOn" type="date" value="${i?.paidOn ?? ''}"></label>
  <label class="field">Reminders go to <input name="contact" type="email" value="${i?.contact ?? ''}" placeholder="The client's first address"></label>
  <p class="error small form-error" hidden></p>
  <div><button type="submit">${i ? 'Save invoice' : 'Add invoice'}</button></div>
</form>`;
}

function invoiceState(i: ClientMoney['invoices'][number]): Html {
  if (i.status === 'suggested') return html`<span class="badge">found in your sent mail: confirm it</span>`;
  if (i.status === 'dismissed') return html`<span class="badge">dismissed</span>`;
  if (i.paidOn) return html`<span class="badge badge-active">paid ${i.paidOn}${i.paidOn > i.dueOn ? ' (late)' : ''}</span>`;
  if (i.overdue) return html`<span class="badge badge-error">${i.daysLate} day${i.daysLate === 1 ? '' : 's'} overdue</span>`;
  return html`<span class="badge">open</span>`;
}

export function invoicesSection(clientId: string, m: ClientMoney, today: string): Html {
  const base = `/api/clients/${clientId}/invoices`;
  return html`<section class="card" id="invoices">
  <h2>Invoices</h2>
  ${m.latePayer ? html`<p class="error small">This client paid two or more invoices late.</p>` : ''}
  ${m.invoices.length === 0 ? html`<p class="muted">No invoices yet. Add one below, or send one by mail: Boundary suggests it from your sent mail.</p>` : ''}
  <ul class="rows">${m.invoices.map(
    (i) => html`<li class="row-block" data-invoice="${i.id}">
    <div class="row">
      <div class="grow"><strong>${i.reference}</strong> ${i.amount} ${i.currency} ${invoiceState(i)}
        <p class="small muted">Issued ${i.issuedOn}, due ${i.dueOn}.${i.reminders.length ? ` Reminders drafted: ${i.reminders.map((r) => `${STAGE_WORDS[r.stage] ?? r.stage} (${r.draftedAt.slice(0, 10)})`).join(', ')}.` : ''}</p></div>
      <div class="actions">
        ${i.status === 'suggested' ? html`<button type="button" data-api="PATCH" data-url="${base}/${i.id}" data-body='{"status":"open"}'>Confirm</button>` : ''}
        ${i.status !== 'dismissed' && !i.paidOn ? html`<button type="button" data-api="PATCH" data-url="${base}/${i.id}" data-body='${JSON.stringify({ paidOn: today })}'>Paid today</button>` : ''}
        ${i.status === 'suggested' ? html`<button type="button" data-api="PATCH" data-url="${base}/${i.id}" data-body='{"status":"dismissed"}'>Dismiss</button>` : ''}
        <button type="button" class="danger" data-api="DELETE" data-url="${base}/${i.id}" data-confirm="Forget invoice ${i.reference}?">Remove</button>
      </div>
    </div>
    <details><summary>Edit</summary>${invoiceForm(clientId, i)}</details>
  </li>`,
  )}</ul>
  <details${m.invoices.length === 0 ? html` open` : ''}><summary>Add an invoice</summary>${invoiceForm(clientId, null)}</details>
</section>`;
}
