import type { Db } from '../../../storage/db.js';
import type { User } from '../../../storage/users.js';
import { html, type Html } from '../html.js';

/**
 * Sections of the client page other features fill (issue 20): the contract status and the
 * recaps. Each is one function here, so a feature changes its own line and nothing else.
 */
export async function contractSection(_db: Db, _user: User, _clientId: string): Promise<Html> {
  return html`<section class="card" id="contract"><h2>Contract</h2><p class="muted">No contract status recorded yet.</p></section>`;
}

export async function recapsSection(_db: Db, _user: User, _clientId: string): Promise<Html> {
  return html`<section class="card" id="recaps"><h2>Recaps</h2><p class="muted">No recaps yet.</p></section>`;
}
