import { DateTime } from 'luxon';
import type { Db } from '../../../storage/db.js';
import { pendingSuggestions, type SuggestionRow } from '../../../storage/expectations.js';
import { listReminders, type ReminderRow } from '../../../storage/reminders.js';
import { getSettings, listClients, type ClientRecord } from '../../../storage/settings-store.js';
import type { User } from '../../../storage/users.js';
import { html, type Html } from '../html.js';

/** More than a person works through on a Monday; the API pages further. */
const REMINDER_LIMIT = 100;

/** Reminder kinds in the order a person deals with them: what waits on you first. */
const GROUPS: Array<{ kind: string; heading: string }> = [
  { kind: 'unanswered-by-user', heading: 'Waiting on you' },
  { kind: 'expectation', heading: 'Agreements due or late' },
  { kind: 'awaiting-client', heading: 'Waiting on a client' },
  { kind: 'quiet-client', heading: 'Quiet clients' },
  { kind: 'reappearance', heading: 'Back after a silence' },
];

const KIND_WORDS: Record<string, string> = { deliverable: 'Deliverable', payment: 'Payment', 'free-text': 'Commitment' };

interface View {
  zone: string;
  now: DateTime;
  clients: Map<string, ClientRecord>;
}

/** "by Fri 4 Dec" for a whole day (the parser ends date-only commitments at 23:59), else the time too. */
function due(at: Date, v: View): Html {
  const local = DateTime.fromJSDate(at).setZone(v.zone);
  const wholeDay = local.hour === 23 && local.minute === 59;
  const sameYear = local.year === v.now.year;
  const text = local.toFormat(`ccc d LLL${sameYear ? '' : ' yyyy'}${wholeDay ? '' : ', HH:mm'}`);
  const days = Math.round(local.startOf('day').diff(v.now.startOf('day'), 'days').days);
  const relative = days < 0 ? 'passed' : days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  return html`<time datetime="${at.toISOString()}">${text}</time> <span class="muted">(${relative})</span>`;
}

function suggestionItem(s: SuggestionRow, v: View): Html {
  const client = s.client_id ? v.clients.get(s.client_id) : undefined;
  const base = `/api/expectations/suggestions/${encodeURIComponent(s.id)}`;
  const who = s.party === 'user' ? 'You promised' : 'They promised';
  return html`<li class="row-block" data-suggestion="${s.id}">
  <div class="row">
    <div class="grow">
      <p class="small muted">${client ? html`<strong>${client.name}</strong>` : 'Someone not in your clients'} · ${KIND_WORDS[s.kind] ?? s.kind} · ${who}</p>
      <p class="quote">“${s.title}”</p>
      <p class="small">Due ${due(s.due_at, v)} · read from “${s.date_text}”</p>
    </div>
  </div>
  <form class="json-form accept" data-method="POST" data-url="${base}/accept" novalidate>
    ${client
      ? ''
      : v.clients.size > 0
        ? html`<label class="field">Which client? <select name="clientId"><option value="">Choose…</option>${[...v.clients.values()].map((c) => html`<option value="${c.id}">${c.name}</option>`)}</select></label>`
        : html`<p class="small muted">Add the sender on the <a href="/clients">Clients</a> page first, then accept it here.</p>`}
    <details><summary>Correct before accepting</summary>
      <label class="field">What <input name="title" maxlength="300" placeholder="${s.title}"></label>
      <label class="field">Due on <input name="dueAt" type="date"></label>
    </details>
    <p class="error small form-error" hidden></p>
    <div class="actions">
      <button type="submit">Accept</button>
      <button type="button" class="secondary" data-api="POST" data-url="${base}/dismiss">Dismiss</button>
    </div>
  </form>
</li>`;
}

function reminderItem(r: ReminderRow, v: View): Html {
  const client = r.client_id ? v.clients.get(r.client_id) : undefined;
  const url = `/api/reminders/${encodeURIComponent(r.id)}`;
  const since = DateTime.fromJSDate(r.created_at).setZone(v.zone).toFormat('ccc d LLL, HH:mm');
  return html`<li class="row-block" data-reminder="${r.id}">
  <div class="row">
    <div class="grow">
      <p><strong>${r.title}</strong>${r.level >= 2 ? html` <span class="badge badge-error">Still waiting</span>` : ''}</p>
      <p class="small muted">${client ? html`${client.name} · ` : ''}${r.detail} Noticed <time datetime="${r.created_at.toISOString()}">${since}</time>.</p>
    </div>
    <div class="actions">
      <button type="button" class="secondary" data-api="PATCH" data-url="${url}" data-body='{"status":"done"}'>Done</button>
      <button type="button" class="icon" data-api="PATCH" data-url="${url}" data-body='{"status":"dismissed"}'>Dismiss</button>
    </div>
  </div>
  ${r.suggested_follow_up
    ? html`<div class="follow-up">
    <p class="small muted">A polite follow-up you could send. Boundary never sends it for you.</p>
    <pre class="reply" id="text-${r.id}">${r.suggested_follow_up}</pre>
    <button type="button" class="icon" data-copy="text-${r.id}">Copy</button> <span class="small muted" role="status"></span>
  </div>`
    : ''}
</li>`;
}

/**
 * Follow-ups: suggestions from mail waiting for a decision, and the open reminders, each with the
 * follow-up text to copy. Read with the same storage calls as GET /api/expectations/suggestions
 * and GET /api/reminders; accepting, dismissing and closing go through those APIs.
 */
export async function followUpsPage(db: Db, user: User, now: Date): Promise<Html> {
  const [{ settings }, clients, suggestions, reminders] = await Promise.all([
    getSettings(db, user.id),
    listClients(db, user.id),
    pendingSuggestions(db, user.id),
    listReminders(db, user.id, 'open', REMINDER_LIMIT),
  ]);
  const v: View = { zone: settings.timeZone, now: DateTime.fromJSDate(now).setZone(settings.timeZone), clients: new Map(clients.map((c) => [c.id, c])) };

  if (suggestions.length === 0 && reminders.length === 0) {
    return html`<section class="card calm">
  <p class="big">You're all caught up.</p>
  <p class="muted">No one is waiting on you, and no dates from your mail need a decision. Boundary keeps an eye out.</p>
</section>`;
  }

  const groups = GROUPS.map((g) => ({ ...g, items: reminders.filter((r) => r.kind === g.kind) }));
  const known = new Set(GROUPS.map((g) => g.kind));
  const other = reminders.filter((r) => !known.has(r.kind));
  if (other.length) groups.push({ kind: 'other', heading: 'Other reminders', items: other });

  return html`
${suggestions.length
  ? html`<section class="card">
  <h2>Dates found in your mail</h2>
  <p class="muted small">Boundary read these commitments in messages. They count only once you accept them.</p>
  <ul class="rows">${suggestions.map((s) => suggestionItem(s, v))}</ul>
</section>`
  : ''}
${reminders.length
  ? html`<section class="card">
  <h2>Open reminders</h2>
  ${groups.filter((g) => g.items.length).map((g) => html`<h3>${g.heading}</h3><ul class="rows">${g.items.map((r) => reminderItem(r, v))}</ul>`)}
  ${reminders.length === REMINDER_LIMIT ? html`<p class="small muted">Showing the ${REMINDER_LIMIT} newest.</p>` : ''}
</section>`
  : html`<section class="card"><p class="muted">No open reminders: nobody has gone quiet on you.</p></section>`}`;
}
