import { DateTime } from 'luxon';
import { EXPECTATION_KINDS, type Expectation } from '../../../domain/follow-up/expectations.js';
import { html, type Html } from '../html.js';

const KIND_WORDS: Record<string, string> = {
  'response-time': 'Response time', deliverable: 'Deliverable', payment: 'Payment', 'meetings-in-hours': 'Meetings in working hours', 'revision-limit': 'Revision limit', 'free-text': 'Other agreement',
};

/** The due date as the user's own calendar day: a date-only agreement is due at the end of it. */
const localDue = (e: Partial<Expectation>, zone: string) => (e.dueAt ? DateTime.fromISO(e.dueAt, { zone }).toISODate() ?? '' : '');

/**
 * One form for every agreement kind, to create (POST) or change (PATCH) one through the same API
 * a script uses; fields are named by their API path so each error lands beside its field.
 */
function agreementForm(clientId: string, e: Partial<Expectation> | null, zone: string): Html {
  const url = e?.id ? `/api/clients/${clientId}/expectations/${e.id}` : `/api/clients/${clientId}/expectations`;
  return html`<form class="json-form grid-form" data-method="${e?.id ? 'PATCH' : 'POST'}" data-url="${url}" novalidate>
  ${e?.id ? '' : html`<label class="field">Kind <select name="kind">${EXPECTATION_KINDS.map((k) => html`<option value="${k}">${KIND_WORDS[k]}</option>`)}</select></label>`}
  <label class="field">What was agreed <input name="title" value="${e?.title ?? ''}" maxlength="300" placeholder="Homepage design by Friday"></label>
  ${e?.id ? '' : html`<label class="field">Who owes it <select name="party"><option value="client">The client</option><option value="user">You</option></select></label>`}
  <label class="field">Due date <input name="dueAt" type="date" value="${localDue(e ?? {}, zone)}"></label>
  <label class="field">Answer within (working days) <input name="params.workingDays" type="number" min="0.25" max="60" step="0.25" value="${e?.params?.workingDays ?? ''}" placeholder="response time only"></label>
  <label class="field">Revision rounds agreed <input name="params.limit" type="number" min="0" max="100" step="1" value="${e?.params?.limit ?? ''}" placeholder="revision limit only"></label>
  ${e?.id ? html`<label class="field">Rounds used <input name="params.used" type="number" min="0" max="1000" step="1" value="${e.params?.used ?? ''}"></label>` : ''}
  <p class="error small form-error" hidden></p>
  <div><button type="submit">${e?.id ? 'Save agreement' : 'Add agreement'}</button></div>
</form>`;
}

export function agreementsSection(clientId: string, list: Expectation[], zone: string): Html {
  const base = `/api/clients/${clientId}/expectations`;
  return html`<section class="card" id="agreements">
  <h2>Agreements</h2>
  ${list.length === 0 ? html`<p class="muted">Nothing recorded yet. Add what you agreed: a response time, deliverables, payment, meetings in your hours, a revision limit, or anything else.</p>` : ''}
  <ul class="rows">${list.map(
    (e) => html`<li class="row-block" data-agreement="${e.id}">
    <div class="row">
      <div class="grow"><strong>${e.title}</strong> <span class="badge">${KIND_WORDS[e.kind] ?? e.kind}</span> <span class="badge badge-${e.status}">${e.status}</span>
        <p class="small muted">${e.dueAt ? `Due ${localDue(e, zone)}. ` : ''}${e.history.at(-1)?.reason ?? ''}</p></div>
      <div class="actions">
        ${e.kind === 'response-time' || e.kind === 'meetings-in-hours' || e.kind === 'revision-limit' ? '' : html`<button type="button" data-api="PATCH" data-url="${base}/${e.id}" data-body='{"status":"met"}'>Met</button>`}
        <button type="button" class="danger" data-api="DELETE" data-url="${base}/${e.id}" data-confirm="Forget this agreement?">Remove</button>
      </div>
    </div>
    <details><summary>Edit</summary>${agreementForm(clientId, e, zone)}</details>
  </li>`,
  )}</ul>
  <details${list.length === 0 ? html` open` : ''}><summary>Add an agreement</summary>${agreementForm(clientId, null, zone)}</details>
</section>`;
}
