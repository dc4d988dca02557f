import { DateTime } from 'luxon';
import { effectiveStatus } from '../../../domain/agreements/contract.js';
import { getContract, listRecaps } from '../../../storage/agreements.js';
import type { Db } from '../../../storage/db.js';
import { getSettings } from '../../../storage/settings-store.js';
import type { User } from '../../../storage/users.js';
import { html, type Html } from '../html.js';

/**
 * Sections of the client page other features fill (issue 20): the contract status and the
 * recaps. Each is one function here, so a feature changes its own line and nothing else.
 */
const STATUS_WORDS: Record<string, string> = { none: 'No contract', sent: 'Sent, not signed yet', signed: 'Signed', expired: 'Expired' };

export async function contractSection(db: Db, user: User, clientId: string, now: Date): Promise<Html> {
  const [{ state }, { settings }] = await Promise.all([getContract(db, user.id, clientId), getSettings(db, user.id)]);
  const day = (iso: string | null) => (iso ? DateTime.fromISO(iso, { zone: settings.timeZone }).toISODate() ?? '' : '');
  const status = effectiveStatus(state, DateTime.fromJSDate(now));
  const url = `/api/clients/${clientId}/contract`;
  const dates = [state.sentAt && `sent ${day(state.sentAt)}`, state.signedAt && `signed ${day(state.signedAt)}`, state.expiresAt && `runs until ${day(state.expiresAt)}`].filter(Boolean).join(', ');
  return html`<section class="card" id="contract"><h2>Contract</h2>
  <p><span class="badge badge-${status}">${STATUS_WORDS[status]}</span>${dates ? html` <span class="small muted">${dates}</span>` : ''}</p>
  ${state.refusedAt ? html`<p class="small">They said no contract was needed on ${day(state.refusedAt)}: “${state.refusal ?? ''}”.</p>` : ''}
  ${state.suggestion ? html`<div class="row"><p class="grow small">Mail suggests it is <strong>${state.suggestion.status}</strong> (“${state.suggestion.evidence}”, ${day(state.suggestion.at)}).</p>
    <div class="actions"><button type="button" data-api="POST" data-url="${url}/suggestion/accept">Accept</button> <button type="button" class="secondary" data-api="POST" data-url="${url}/suggestion/dismiss">Dismiss</button></div></div>` : ''}
  <details><summary>Set the status</summary>
  <form class="json-form grid-form" data-method="PUT" data-url="${url}" novalidate>
    <label class="field">Status <select name="status">${(['none', 'sent', 'signed', 'expired'] as const).map((s) => html`<option value="${s}"${state.status === s ? html` selected` : ''}>${STATUS_WORDS[s]}</option>`)}</select></label>
    <label class="field">Sent on <input name="sentAt" type="date" value="${day(state.sentAt)}"></label>
    <label class="field">Signed on <input name="signedAt" type="date" value="${day(state.signedAt)}"></label>
    <label class="field">Runs until <input name="expiresAt" type="date" value="${day(state.expiresAt)}"></label>
    <p class="error small form-error" hidden></p>
    <div><button type="submit">Save contract status</button></div>
  </form></details>
</section>`;
}

export async function recapsSection(db: Db, user: User, clientId: string): Promise<Html> {
  const recaps = await listRecaps(db, user.id, { clientId });
  return html`<section class="card" id="recaps"><h2>Recaps</h2>
  ${recaps.length === 0 ? html`<p class="muted">No recaps yet. When this client decides something in a message, a recap for them to confirm is offered here.</p>` : ''}
  <ul class="rows">${recaps.map((r) => html`<li class="row-block" data-recap="${r.id}"><div class="row">
    <div class="grow"><p class="quote">“${r.decision}”</p><p class="small muted">${r.subject} · ${r.status}${r.confirmed_by ? ` by ${r.confirmed_by === 'client' ? 'the client' : 'you'}` : ''}</p></div>
    ${r.status === 'pending' ? html`<div class="actions"><button type="button" data-api="POST" data-url="/api/recaps/${r.id}/confirm">Confirmed</button> <button type="button" class="secondary" data-api="POST" data-url="/api/recaps/${r.id}/dismiss">Dismiss</button></div>` : ''}
  </div></li>`)}</ul>
</section>`;
}
