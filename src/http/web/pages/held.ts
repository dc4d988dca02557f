import { DateTime } from 'luxon';
import type { Db } from '../../../storage/db.js';
import { listWaiting, type HeldRow } from '../../../storage/held-messages.js';
import { getSettings } from '../../../storage/settings-store.js';
import type { User } from '../../../storage/users.js';
import { html, type Html } from '../html.js';

/**
 * Waiting to send (issue 21): the user's own replies held for the working day, when each goes in
 * the user's zone, "Send now" and "Cancel" (the JSON API, with the page's CSRF token), and the
 * setting that turns holding on. Boundary holds only drafts the user marked; sent mail never.
 */

const BASES: Array<[string, string]> = [['user', 'my next working start'], ['client', "the client's next working start"], ['both', 'the first hour we both work']];

function row(h: HeldRow, zone: string, now: DateTime): Html {
  const at = DateTime.fromJSDate(h.send_at).setZone(zone);
  const days = Math.round(at.startOf('day').diff(now.startOf('day'), 'days').days);
  const when = at.toFormat(`ccc d LLL${at.year === now.year ? '' : ' yyyy'}, HH:mm`);
  const url = `/api/held/${encodeURIComponent(String(h.id))}`;
  return html`<li class="row-block" data-held="${String(h.id)}">
  <div class="row">
    <div class="grow">
      <p><strong>${h.subject || '(no subject)'}</strong> <span class="muted">to ${h.recipient}</span></p>
      <p class="small muted">${h.state === 'sending' ? 'Sending now.' : html`Goes <time datetime="${h.send_at.toISOString()}">${when}</time> (${days <= 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`}). ${h.reason}`}</p>
    </div>
    ${h.state === 'waiting'
      ? html`<div class="actions">
      <button type="button" class="secondary" data-api="POST" data-url="${url}/send-now">Send now</button>
      <button type="button" class="icon" data-api="POST" data-url="${url}/cancel" data-confirm="Stop holding this reply? It stays in your drafts and nothing is sent.">Cancel</button>
    </div>`
      : ''}
  </div>
</li>`;
}

export async function heldPage(db: Db, user: User, now: Date): Promise<Html> {
  const [{ settings }, waiting] = await Promise.all([getSettings(db, user.id), listWaiting(db, user.id)]);
  const zone = settings.timeZone;
  const local = DateTime.fromJSDate(now).setZone(zone);
  return html`
<section class="card">
  <h2>Hold my after-hours replies to clients</h2>
  <p class="muted small">Answering at 2 a.m. teaches a client that 2 a.m. works. Write the reply when it suits you, mark the draft, and Boundary sends it when the working day starts.
    Mark it with the label <code>Boundary/Send in the morning</code> (Gmail), the category <code>Boundary: send in the morning</code> (Outlook),
    or the keyword <code>$BoundaryHold</code> on a draft in Drafts (IMAP). Boundary never holds mail you already sent, and edits you make while it waits are what goes.</p>
  <form class="json-form" data-method="PUT" data-url="/api/held/settings" novalidate>
    <label class="check"><input type="checkbox" name="enabled"${settings.hold.enabled ? html` checked` : ''}> Hold the drafts I mark until the working day</label>
    <label class="field">Send them at <select name="sendAt">${BASES.map(([v, label]) => html`<option value="${v}"${settings.hold.sendAt === v ? html` selected` : ''}>${label}</option>`)}</select></label>
    <p class="small muted">Gmail needs the permission to write drafts (<code>gmail.compose</code>); connect the mailbox again after turning this on if Boundary does not see your marked drafts. Outlook and IMAP mailboxes need nothing more.</p>
    <p class="error small form-error" hidden></p>
    <div class="actions"><button type="submit">Save</button></div>
  </form>
</section>
<section class="card">
  <h2>Waiting to send</h2>
  ${waiting.length
    ? html`<ul class="rows">${waiting.map((h) => row(h, zone, local))}</ul>`
    : html`<p class="muted">Nothing is waiting. ${settings.hold.enabled ? 'Mark a late draft and it will show here with the time it goes.' : 'Turn holding on above to have late replies wait for the morning.'}</p>`}
  <p class="small muted">Times are in your time zone, ${zone}.</p>
</section>`;
}
