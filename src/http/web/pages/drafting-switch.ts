import { draftingConsentUrl, draftingSupport } from '../../../pipeline/drafting.js';
import type { publicAccount } from '../../routes/accounts.js';
import { html, type Html } from '../html.js';

type PublicAccount = ReturnType<typeof publicAccount>;

/**
 * "Let Boundary write drafts for you", per mailbox (issue 20). Where the provider needs a wider
 * permission first (Gmail), turning it on is a link into that consent; elsewhere it is a switch.
 */
export function draftingSwitch(a: PublicAccount): Html | string {
  const support = draftingSupport(a.provider);
  if (!support.supported) return '';
  const label = 'Let Boundary write drafts for you';
  const hint = 'Recaps, reminders and closing notes wait in your Drafts folder, in your client’s language. Boundary never sends them.';
  if (a.drafting) {
    return html`<div class="drafting"><span class="badge badge-active">Drafts on</span> <span class="muted small">${hint}</span>
      <button type="button" role="switch" aria-checked="true" data-api="PUT" data-url="/api/accounts/${a.id}/drafting" data-body="${JSON.stringify({ drafting: false })}">Stop writing drafts</button></div>`;
  }
  const control = support.consent
    ? html`<a class="button" role="switch" aria-checked="false" href="${draftingConsentUrl(a)}">${label}</a>`
    : html`<button type="button" role="switch" aria-checked="false" data-api="PUT" data-url="/api/accounts/${a.id}/drafting" data-body="${JSON.stringify({ drafting: true })}">${label}</button>`;
  return html`<div class="drafting">${control} <span class="muted small">${hint}${support.consent ? ' Your provider asks you once for permission to save drafts.' : ''}</span></div>`;
}

/** The line shown after drafting was turned on (back from consent, or at once). */
export function draftingNotice(a: PublicAccount | undefined): Html | string {
  if (!a?.drafting) return '';
  return html`<p class="notice" role="status">Boundary may now leave drafts in the Drafts folder of ${a.address}. It never sends them: you read, edit and send.</p>`;
}
