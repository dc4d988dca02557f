import type { Db } from '../../../storage/db.js';
import { listClients, type ClientRecord } from '../../../storage/settings-store.js';
import { REPLY_LANGUAGES } from '../../../domain/settings.js';
import type { User } from '../../../storage/users.js';
import { html, type Html } from '../html.js';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', sq: 'Albanian', tl: 'Tagalog', kk: 'Kazakh', ru: 'Russian' };

/** One form for adding and editing: fields are named by their API path so errors land beside them. */
function clientForm(c: Partial<ClientRecord>, o: { method: 'POST' | 'PUT'; url: string; submit: string }): Html {
  return html`<form class="json-form grid-form" data-method="${o.method}" data-url="${o.url}" novalidate>
  <label class="field">Name <input name="name" value="${c.name ?? ''}" required></label>
  <label class="field">Addresses <input name="addresses" data-list value="${(c.addresses ?? []).join(', ')}" placeholder="anna@acme.com, billing@acme.com"></label>
  <label class="field">Domains <input name="domains" data-list value="${(c.domains ?? []).join(', ')}" placeholder="acme.com"></label>
  <label class="field">Their time zone <input name="timeZone" list="zones" value="${c.timeZone ?? ''}" placeholder="Unknown" autocomplete="off"></label>
  <label class="field">Reply language <select name="language"><option value="">Automatic</option>${REPLY_LANGUAGES.map((l) => html`<option value="${l}"${c.language === l ? html` selected` : ''}>${LANGUAGE_NAMES[l]}</option>`)}</select></label>
  <label class="field">Flag silence after (working days) <input name="silenceThresholdDays" type="number" min="0.5" max="365" step="0.5" value="${c.silenceThresholdDays ?? ''}" placeholder="Default"></label>
  <label class="check"><input type="checkbox" name="autoReply"${c.autoReply === false ? '' : html` checked`}> Auto-reply after hours</label>
  <label class="check"><input type="checkbox" name="vip"${c.vip ? html` checked` : ''}> VIP: never auto-reply, always tell me</label>
  <p class="error small form-error" hidden></p>
  <div><button type="submit">${o.submit}</button></div>
</form>`;
}

function overrides(c: ClientRecord): string {
  const parts: string[] = [];
  if (c.vip) parts.push('VIP');
  if (!c.autoReply) parts.push('no auto-reply');
  if (c.timeZone) parts.push(c.timeZone);
  if (c.language) parts.push(LANGUAGE_NAMES[c.language] ?? c.language);
  if (c.silenceThresholdDays !== undefined) parts.push(`silence after ${c.silenceThresholdDays} days`);
  return parts.join(' · ');
}

export async function clientsPage(db: Db, user: User): Promise<Html> {
  const clients = await listClients(db, user.id);
  return html`
<datalist id="zones" data-fill-zones></datalist>
<section class="card">
  <h2>Your clients</h2>
  ${clients.length === 0 ? html`<p class="muted">No clients yet. Add one below, or pick from the people you write to.</p>` : ''}
  <ul class="rows">
  ${clients.map(
    (c) => html`<li class="row-block" data-client="${c.id}">
    <div class="row">
      <div class="grow"><strong><a href="/clients/${c.id}">${c.name}</a></strong> <span class="muted small">${[...c.addresses, ...c.domains].join(', ')}</span>
        ${overrides(c) ? html`<p class="small">${overrides(c)}</p>` : ''}</div>
      <div class="actions"><button type="button" class="danger" data-api="DELETE" data-url="/api/clients/${c.id}" data-confirm="Remove ${c.name} from your clients?">Remove</button></div>
    </div>
    <details><summary>Edit</summary>${clientForm(c, { method: 'PUT', url: `/api/clients/${c.id}`, submit: 'Save client' })}</details>
    <div class="expectations" data-expectations="${c.id}" hidden></div>
  </li>`,
  )}
  </ul>
</section>
<section class="card">
  <h2>People you write to</h2>
  <p class="muted small">From the recipients of mail you sent in the last 90 days (addresses only, never message text).</p>
  <div id="suggestions"><p class="muted">Looking…</p></div>
</section>
<section class="card">
  <h2>Add a client</h2>
  ${clientForm({}, { method: 'POST', url: '/api/clients', submit: 'Add client' })}
</section>`;
}
