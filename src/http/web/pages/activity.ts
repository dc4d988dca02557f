import { DateTime } from 'luxon';
import { listActivity } from '../../../storage/activity.js';
import type { Db } from '../../../storage/db.js';
import { getSettings, listClients } from '../../../storage/settings-store.js';
import type { User } from '../../../storage/users.js';
import { html, type Html } from '../html.js';

/** Kinds people filter by, in their words. Unknown kinds still show; they just have no filter entry. */
const KINDS: Record<string, string> = {
  'decision.auto-reply': 'Decided to reply',
  'decision.none': 'Decided not to reply',
  'reply.preview': 'Reply written (preview)',
  'reply.queued': 'Reply queued',
  'reply.sent': 'Reply sent',
  'reply.cancelled': 'Reply cancelled',
  'invitation.answered': 'Invitation answered',
  'reminder.created': 'Reminder',
  'reminder.escalated': 'Reminder raised',
  'reminder.resolved': 'Reminder resolved',
  'expectation.suggested': 'Expectation suggested',
  'recap.offered': 'Recap offered',
  'recap.confirmed': 'Recap confirmed',
  'contract.refused': 'No contract wanted',
  'contract.suggested': 'Contract status suggested',
  'digest.sent': 'Digest sent',
  'account.connected': 'Mailbox connected',
  'account.polling': 'Checked by polling',
  'account.sending-on': 'Sending switched on',
  'account.sending-off': 'Back to preview',
  'account.needs-reconnect': 'Needs reconnecting',
  'account.disconnected': 'Mailbox disconnected',
  'sync.resync': 'Mailbox re-synced',
  'money.extra-work': 'Asked beyond the scope',
  'money.revision': 'Revision round',
  'money.reminder': 'Payment reminder drafted',
  'money.new-work-while-unpaid': 'New work while unpaid',
};

export interface ActivityFilter {
  client?: string;
  kind?: string;
  from?: string;
  to?: string;
  before?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The log, newest first, filtered with a plain GET form (bookmarkable, works without script). */
export async function activityPage(db: Db, user: User, f: ActivityFilter): Promise<Html> {
  const [clients, { settings }] = await Promise.all([listClients(db, user.id), getSettings(db, user.id)]);
  const local = (at: Date) => DateTime.fromJSDate(at).setZone(settings.timeZone).toFormat('ccc d LLL yyyy, HH:mm');
  // Dates are the user's local days: "to" includes the whole of that day.
  const day = (d: string | undefined) => {
    const t = d && DATE.test(d) ? DateTime.fromISO(d, { zone: settings.timeZone }) : null;
    // Year 0 is a valid ISO date but not a PostgreSQL one: such a filter is ignored, as a malformed one is.
    return t?.isValid && t.year >= 1 ? t : null;
  };
  const from = day(f.from)?.toJSDate();
  const to = day(f.to)?.plus({ days: 1 }).toJSDate();
  // Ids are bigints: more than 18 digits could pass PostgreSQL's range, so such a cursor is ignored.
  const before = f.before && /^\d{1,18}$/.test(f.before) ? f.before : undefined;
  const backwards = from && to && to <= from;
  const page = backwards ? { entries: [], next: null } : await listActivity(db, user.id, { clientId: f.client || undefined, kind: f.kind || undefined, from, to, before, limit: 50 });
  const clientName = new Map(clients.map((c) => [c.id, c.name]));
  const next = new URLSearchParams(Object.entries({ ...f, before: page.next === null ? '' : String(page.next) }).filter(([, v]) => v) as Array<[string, string]>);
  return html`
<form method="get" action="/activity" class="card filters">
  <label>Client <select name="client"><option value="">All clients</option>${clients.map((c) => html`<option value="${c.id}"${f.client === c.id ? html` selected` : ''}>${c.name}</option>`)}</select></label>
  <label>What <select name="kind"><option value="">Everything</option>${Object.entries(KINDS).map(([k, label]) => html`<option value="${k}"${f.kind === k ? html` selected` : ''}>${label}</option>`)}</select></label>
  <label>From <input type="date" name="from" value="${f.from ?? ''}"></label>
  <label>To <input type="date" name="to" value="${f.to ?? ''}"${f.from && DATE.test(f.from) ? html` min="${f.from}"` : ''}${backwards ? html` aria-invalid="true"` : ''}></label>
  <button type="submit">Filter</button>
  ${backwards ? html`<p class="error small" role="alert">The "To" date (${f.to}) is before the "From" date (${f.from}). Pick a "To" on or after ${f.from}.</p>` : ''}
</form>
<section class="card">
  ${page.entries.length === 0 ? html`<p class="muted">Nothing here yet. Decisions and replies appear as mail arrives.</p>` : ''}
  <ol class="log">
  ${page.entries.map(
    (e) => html`<li>
    <div class="log-head"><time datetime="${e.at.toISOString()}">${local(e.at)}</time>
      <span class="tag">${KINDS[e.kind] ?? e.kind}</span>${e.client_id && clientName.has(e.client_id) ? html` <span class="muted">${clientName.get(e.client_id)}</span>` : ''}</div>
    <p>${e.summary}</p>
    ${e.reasons.length ? html`<ul class="reasons">${e.reasons.map((r) => html`<li>${r.message}</li>`)}</ul>` : ''}
  </li>`,
  )}
  </ol>
  ${page.next !== null ? html`<p><a href="/activity?${next.toString()}">Older entries</a></p>` : ''}
</section>`;
}
