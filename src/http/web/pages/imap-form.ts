import { html, type Html } from '../html.js';

const endpoint = (kind: 'imap' | 'smtp', label: string, port: number) => html`<fieldset class="endpoint">
    <legend>${label}</legend>
    <label class="field">Server <input name="${kind}.host" data-path="${kind}.host" placeholder="${kind}.example.com" maxlength="253" autocomplete="off" spellcheck="false"></label>
    <label class="field">Port <input name="${kind}.port" data-path="${kind}.port" type="number" min="1" max="65535" value="${port}"></label>
    <label class="check"><input name="${kind}.secure" data-path="${kind}.secure" type="checkbox" checked> Encrypted from the start (TLS); unticked, STARTTLS is required</label>
  </fieldset>`;

/**
 * "Connect another mailbox (IMAP)": address and app password; the server fields are filled in from
 * discovery (imap-connect.js asks /api/accounts/imap/discover) and stay editable.
 */
export function imapConnectForm(): Html {
  return html`<section class="card" id="imap-connect">
  <h2>Connect another mailbox (IMAP)</h2>
  <p>Any mailbox that speaks IMAP and SMTP works: your web host, Fastmail, iCloud, Yahoo and others. IMAP needs no app registration: your address and a password are enough.</p>
  <p><strong>Use an app password</strong> where your provider has them (Fastmail, iCloud, Yahoo, Gmail, Outlook.com): it can be revoked on its own and keeps your main password out of Boundary. Boundary stores it encrypted and tries every server before saving anything.</p>
  <form id="imap-form" class="grid-form" novalidate>
    <label class="field">Email address <input name="address" type="email" maxlength="254" autocomplete="email" required></label>
    <label class="field">App password <input name="password" type="password" maxlength="1024" autocomplete="off" required></label>
    <label class="field">Login name, if not the address <input name="username" maxlength="254" autocomplete="off" spellcheck="false"></label>
    <p class="muted small" id="imap-hint" hidden></p>
    ${endpoint('imap', 'Incoming mail (IMAP)', 993)}
    ${endpoint('smtp', 'Outgoing mail (SMTP submission)', 465)}
    <label class="field">Calendar (CalDAV) address, optional <input name="caldav" data-path="caldav" type="url" maxlength="2048" placeholder="https://caldav.example.com/" spellcheck="false"></label>
    <p class="error small form-error" role="alert" hidden></p>
    <div><button type="submit">Test and connect</button></div>
  </form>
</section>`;
}
