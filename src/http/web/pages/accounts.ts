import { listUserAccounts } from '../../../storage/accounts.js';
import type { Db } from '../../../storage/db.js';
import type { User } from '../../../storage/users.js';
import { publicAccount } from '../../routes/accounts.js';
import { getSettings } from '../../../storage/settings-store.js';
import { html, type Html } from '../html.js';
import { signatureForm } from './account.js';
import { imapConnectForm } from './imap-form.js';
import { draftingNotice, draftingSwitch } from './drafting-switch.js';

const PROVIDER_NAMES = { google: 'Gmail', microsoft: 'Outlook', imap: 'IMAP' } as const;
const STATUS_LABELS: Record<string, string> = { active: 'Sending', preview: 'Preview', 'needs-reconnect': 'Needs reconnecting', error: 'Problem' };

/** Accounts: connect, status in plain words, preview/sending switch, disconnect. Only publicAccount fields are rendered. */
export async function accountsPage(db: Db, user: User, now: Date, connected: string | undefined, drafting?: string): Promise<Html> {
  const accounts = (await listUserAccounts(db, user.id)).map((a) => publicAccount(a, now));
  const justConnected = accounts.find((a) => a.id === connected);
  const { settings } = await getSettings(db, user.id);
  return html`
${settings.name ? '' : html`<section class="card welcome"><h2>Welcome! How should your replies be signed?</h2>${signatureForm('', 'Boundary writes polite replies for you and ends them with "Best regards," and your name. You can change it later on the Replies or Account page.')}</section>`}
${draftingNotice(accounts.find((a) => a.id === drafting))}
${justConnected ? html`<p class="notice" role="status">Connected ${justConnected.address}. It starts in preview: Boundary decides and logs, and sends nothing until you switch sending on.</p>` : ''}
<section class="card">
  <h2>Your mailboxes</h2>
  ${accounts.length === 0 ? html`<p class="muted">No mailbox is connected yet. Connect one below; it starts in preview mode, so nothing is sent until you say so.</p>` : ''}
  <ul class="rows">
  ${accounts.map(
    (a) => html`<li class="row" data-account="${a.id}">
    <div class="grow">
      <strong>${a.address}</strong> <span class="muted">${PROVIDER_NAMES[a.provider]}</span>
      <span class="badge badge-${a.status}">${a.status === 'needs-reconnect' ? STATUS_LABELS[a.status] : a.sending ? 'Sending' : 'Preview'}</span>
      <p class="muted small">${a.statusText}${a.lastSyncedAt ? html` Last checked ${a.syncLagSeconds !== null && a.syncLagSeconds < 120 ? 'just now' : html`<time datetime="${a.lastSyncedAt}">${a.lastSyncedAt}</time>`}.` : ''}</p>
      ${draftingSwitch(a)}
    </div>
    <div class="actions">
      ${a.status === 'needs-reconnect' ? html`<a class="button" href="/connect/${a.provider}">Reconnect</a>` : ''}
      <button type="button" data-api="PUT" data-url="/api/accounts/${a.id}/sending" data-body="${JSON.stringify({ sending: !a.sending })}"
        ${a.sending ? '' : html`data-confirm="Start sending polite replies from ${a.address}?"`}>${a.sending ? 'Back to preview' : 'Start sending'}</button>
      <button type="button" class="danger" data-api="DELETE" data-url="/api/accounts/${a.id}" data-confirm="Disconnect ${a.address}? Boundary stops watching it and deletes its access.">Disconnect</button>
    </div>
  </li>`,
  )}
  </ul>
</section>
<section class="card">
  <h2>Connect a mailbox</h2>
  <p>Boundary reads message headers (never stores bodies) and your calendar, and writes replies only after you switch sending on.</p>
  <div class="stack-row">
    <a class="button" href="/connect/google">Connect Gmail</a>
    <a class="button" href="/connect/microsoft">Connect Outlook</a>
  </div>
</section>
${imapConnectForm()}`;
}
