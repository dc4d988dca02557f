import { listApiTokens } from '../../../storage/api-tokens.js';
import type { Db } from '../../../storage/db.js';
import { getSettings } from '../../../storage/settings-store.js';
import type { User } from '../../../storage/users.js';
import { html, type Html } from '../html.js';

const when = (d: Date | null, none: string) => (d ? html`<time datetime="${d.toISOString()}">${d.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>` : none);

/** How replies are signed: asked for at sign-up (Accounts page), on Replies and on Account. */
export function signatureForm(name: string, intro: string): Html {
  return html`<form class="json-form signature" data-method="PATCH" data-url="/api/settings" novalidate>
  <p class="muted small">${intro}</p>
  <label class="field">Sign replies as <input name="name" value="${name}" placeholder="Your name, e.g. Ana Kovač" maxlength="200" autocomplete="name"></label>
  <p class="error small form-error" hidden></p>
  <div><button type="submit">Save name</button></div>
</form>`;
}

/** Account: the reply signature and personal API tokens (list, make one shown once, revoke). */
export async function accountPage(db: Db, user: User, now: Date): Promise<Html> {
  const [tokens, { settings }] = await Promise.all([listApiTokens(db, user.id), getSettings(db, user.id)]);
  return html`
<section class="card">
  <h2>Your name</h2>
  ${signatureForm(settings.name, `Every auto-reply ends with this name, after "Best regards,". You are signed in as ${user.email}.`)}
</section>
<section class="card" id="alerts">
  <h2>Alerts in this browser</h2>
  <p class="muted small">A VIP's mail, and urgent mail from clients you mark "alert when urgent", can reach you here at once (alert settings: <code>alerts</code> in <a href="/docs">the API</a>).</p>
  <div><button type="button" data-alerts-push>Alert me in this browser</button> <span class="small" data-alerts-push-status></span></div>
</section>
<section class="card" id="tokens">
  <h2>Personal API tokens</h2>
  <p class="muted small">For scripts and the API (<code>Authorization: Bearer …</code>, see <a href="/docs">the API docs</a>). A token acts as you; revoke one you no longer use.</p>
  ${tokens.length === 0 ? html`<p class="muted">No tokens yet.</p>` : ''}
  <ul class="rows">
  ${tokens.map(
    (t) => html`<li class="row" data-token="${t.id}">
    <div class="grow"><strong>${t.name}</strong>
      <p class="muted small">Made ${when(t.createdAt, '')} · last used ${when(t.lastUsedAt, 'never')} · ${t.expiresAt ? html`${t.expiresAt <= now ? 'expired' : 'expires'} ${when(t.expiresAt, '')}` : 'does not expire'}</p></div>
    <div class="actions"><button type="button" class="danger" data-api="DELETE" data-url="/api/tokens/${t.id}" data-confirm="Revoke the token ${t.name}? Scripts using it stop working at once.">Revoke</button></div>
  </li>`,
  )}
  </ul>
  <form id="new-token" class="grid-form" novalidate>
    <label class="field">Token name <input name="name" placeholder="e.g. laptop scripts" maxlength="100" required></label>
    <label class="field">Expires <select name="expiresInDays"><option value="30">in 30 days</option><option value="90" selected>in 90 days</option><option value="365">in a year</option><option value="">never</option></select></label>
    <p class="error small form-error" hidden></p>
    <div><button type="submit">Make a token</button></div>
  </form>
  <div id="new-token-value" class="notice" hidden>
    <p>Your new token. Copy it now: it is shown only this once.</p>
    <p><code id="token-value"></code></p>
    <p class="small">Try: <code id="token-curl"></code></p>
  </div>
</section>`;
}
