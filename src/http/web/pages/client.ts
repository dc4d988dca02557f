import { localDate } from '../../../domain/money/reminder-stage.js';
import { clientMoney } from '../../../pipeline/client-money.js';
import type { Db } from '../../../storage/db.js';
import { listExpectations } from '../../../storage/expectations.js';
import { getClient, getSettings } from '../../../storage/settings-store.js';
import type { User } from '../../../storage/users.js';
import { html, type Html } from '../html.js';
import { agreementsSection } from './client-agreements.js';
import { invoicesSection, scopeSection } from './client-money.js';
import { contractSection, recapsSection } from './client-slots.js';

/** One client: what was agreed, the scope, the contract, invoices and recaps, all editable here. */
export async function clientPage(db: Db, user: User, clientId: string, now: Date, opts: { header?: boolean } = {}): Promise<Html | null> {
  const client = await getClient(db, user.id, clientId);
  if (!client) return null;
  const zone = (await getSettings(db, user.id)).settings.timeZone;
  const [agreements, money, contract, recaps] = await Promise.all([
    listExpectations(db, user.id, clientId),
    clientMoney(db, user.id, clientId, now, zone),
    contractSection(db, user, clientId, now),
    recapsSection(db, user, clientId),
  ]);
  const header = opts.header === false ? html`` : html`
<p><a href="/clients">← All clients</a></p>
<section class="card"><h2>${client.name}</h2><p class="muted small">${[...client.addresses, ...client.domains].join(', ')}</p></section>`;
  return html`${header}
${agreementsSection(clientId, agreements, zone)}
${scopeSection(clientId, money)}
${contract}
${invoicesSection(clientId, money, localDate(now, zone))}
${recaps}`;
}
