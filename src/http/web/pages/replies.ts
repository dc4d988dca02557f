import { PLACEHOLDERS } from '../../../domain/reply/templates.js';
import { REPLY_LANGUAGES } from '../../../domain/settings.js';
import type { Db } from '../../../storage/db.js';
import { getSettings, listClients } from '../../../storage/settings-store.js';
import type { User } from '../../../storage/users.js';
import { html, jsonBlock, type Html } from '../html.js';
import { signatureForm } from './account.js';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', sq: 'Albanian', tl: 'Tagalog', kk: 'Kazakh', ru: 'Russian' };

/** Replies: custom templates per language (and category), with a preview rendered by the real composer. */
export async function repliesPage(db: Db, user: User): Promise<Html> {
  const [stored, clients] = await Promise.all([getSettings(db, user.id), listClients(db, user.id)]);
  return html`
${jsonBlock('settings-data', { settings: stored.settings, version: stored.version })}
<section class="card">
  <h2>Your signature</h2>
  ${signatureForm(stored.settings.name, stored.settings.name ? 'Replies end with "Best regards," and this name.' : 'Replies end with "Best regards," and no name until you set one.')}
</section>
<p class="error" role="alert" id="form-error" hidden></p>
<p class="notice" role="status" id="saved" hidden></p>
<div class="split">
<form id="replies-form" class="card" novalidate>
  <h2>Your templates</h2>
  <p class="muted small">Without a template of your own, Boundary uses its built-in reply in the sender's language.
    A template applies to a language (<code>en</code>), a kind of time off (<code>weekend</code>, <code>holiday</code>, <code>vacation</code>, <code>after-hours</code>), both (<code>en:weekend</code>), or everything (<code>default</code>).</p>
  <div id="templates"></div>
  <button type="button" id="add-template" class="secondary">Add a template</button>
  <p class="muted small">Placeholders: ${PLACEHOLDERS.map((p) => html`<code>{${p}}</code> `)}</p>
  <div class="save-bar"><button type="submit">Save templates</button></div>
</form>
<aside class="card preview" aria-live="polite">
  <h2>Preview</h2>
  <div class="inline">
    <label class="field">Client <select id="rp-client"><option value="">Someone new</option>${clients.map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select></label>
    <label class="field">Language <select id="rp-language"><option value="">Automatic</option>${REPLY_LANGUAGES.map((l) => html`<option value="${l}">${LANGUAGE_NAMES[l]}</option>`)}</select></label>
  </div>
  <label class="field">Mail arrives at <input type="datetime-local" id="rp-at"></label>
  <p class="muted small" id="rp-when"></p>
  <p><strong id="rp-subject"></strong></p>
  <pre class="reply" id="rp-text"></pre>
  <p class="error small" id="rp-error" hidden></p>
</aside>
</div>`;
}
