import type { OpenItem } from '../../../domain/ending/open-items.js';
import type { ClientProfile, WeekCount } from '../../../domain/pressure/profile.js';
import { ownShareText } from '../../../domain/pressure/own-share.js';
import { planEnding } from '../../../pipeline/client-ending.js';
import { clientProfile } from '../../../pipeline/client-profile.js';
import type { PipelineContext } from '../../../pipeline/context.js';
import type { User } from '../../../storage/users.js';
import { html, type Html } from '../html.js';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);
const VERDICT: Record<ClientProfile['verdict']['kind'], string> = {
  'problem-client': 'Looks like a problem client: the pattern is in how they work with you.',
  'client-with-a-problem': 'Looks like a client with a problem: something real is going on, on their side or yours.',
  fine: 'Nothing stands out: a client like any other.',
};

/**
 * Twelve weekly bars, drawn as plain SVG attributes (no styles, no scripts, no external assets):
 * all mail in grey, the part outside your hours in orange, a dot per week with chasers.
 */
function trendSvg(trend: WeekCount[]): Html {
  const max = Math.max(1, ...trend.map((w) => w.messages));
  const w = 20;
  const h = 60;
  const bars = trend.map((week, i) => {
    const x = i * (w + 4);
    const all = Math.round((week.messages / max) * h);
    const out = Math.round((week.outside / max) * h);
    return html`<g><title>Week from ${week.from.slice(0, 10)}: ${week.messages} messages, ${week.outside} outside your hours, ${week.chasers} chasers</title><rect x="${x}" y="${h - all}" width="${w}" height="${all}" fill="#c9d3d9"></rect><rect x="${x}" y="${h - out}" width="${w}" height="${out}" fill="#ee8a3c"></rect>${week.chasers > 0 ? html`<circle cx="${x + w / 2}" cy="${h + 8}" r="${Math.min(6, 2 + week.chasers)}" fill="#b4541a"></circle>` : ''}</g>`;
  });
  return html`<svg role="img" aria-label="Twelve weeks of mail, oldest first" width="${trend.length * (w + 4)}" height="${h + 16}" viewBox="0 0 ${trend.length * (w + 4)} ${h + 16}">${bars}</svg>
  <p class="small muted">Oldest week first. Grey: all their mail; orange: outside your hours; dots: weeks with chasers.</p>`;
}

function profileCard(p: ClientProfile | null): Html {
  if (!p) return html`<section class="card"><h2>Problem client, or a client with a problem?</h2><p class="muted">No mail from this client in the last twelve weeks.</p></section>`;
  const rows: Array<[string, string]> = [
    ['Mail outside your hours', `They: ${p.outside} of ${p.messages} (${percent(p.afterHoursShare)})`],
    // Both sides of the boundary: the user's own late mail to them teaches them late is normal.
    ...(p.yours ? [['Your mail to them outside your hours', ownShareText(p.yours)!] as [string, string]] : []),
    ['Chasers', `${p.chasers}${p.chaserDaysOverLimit ? `, over your daily limit on ${p.chaserDaysOverLimit} day(s)` : ''}`],
    ['Urgent messages', `${p.urgent}, of which ${p.turnedOutUrgent} turned out urgent (you answered within two working hours)`],
    ['Urgent returns after silence', String(p.urgentReturns)],
    ['Late payments', String(p.latePayments)],
    ['Scope changes', p.scopeChanges === null ? 'not tracked yet' : String(p.scopeChanges)],
    ['Agreements they broke or let slip', String(p.brokenByClient)],
    ['Your promises overdue or broken', String(p.brokenByUser)],
  ];
  return html`<section class="card">
  <h2>Problem client, or a client with a problem?</h2>
  <p><strong>${VERDICT[p.verdict.kind]}</strong></p>
  <table class="facts">${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</table>
  <h3>Twelve weeks</h3>
  ${trendSvg(p.trend)}
</section>`;
}

const itemText = (i: OpenItem) => `${i.title}${i.dueAt ? ` (due ${i.dueAt.slice(0, 10)})` : ''} — ${i.status}`;

function endingCard(plan: NonNullable<Awaited<ReturnType<typeof planEnding>>>): Html {
  const c = plan.client;
  if (c.status === 'ended') return html`<section class="card"><h2>Ended</h2><p>You ended this client. Boundary never answers them automatically and never suggests nudging them; their mail is still logged in Activity.</p></section>`;
  const yours = plan.openItems.filter((i) => i.owedBy === 'you');
  const theirs = plan.openItems.filter((i) => i.owedBy === 'client');
  const list = (items: OpenItem[], none: string) => (items.length ? html`<ul>${items.map((i) => html`<li>${itemText(i)}</li>`)}</ul>` : html`<p class="muted small">${none}</p>`);
  const pause = c.status === 'paused'
    ? html`<button type="button" data-api="POST" data-url="/api/clients/${c.id}/status" data-body='{"status":"active"}'>Resume this client</button>`
    : html`<button type="button" data-api="POST" data-url="/api/clients/${c.id}/status" data-body='{"status":"paused"}'>Pause this client</button>`;
  return html`<section class="card">
  <h2>End this client</h2>
  <p class="small">Ending is polite and final: meet your obligations first. Boundary drafts a closing note in your mailbox (never sends it), then stops automatic replies and nudges. Their mail is still logged.</p>
  <h3>You still owe</h3>${list(yours, 'Nothing: your side is clear.')}
  <h3>They still owe</h3>${list(theirs, 'Nothing open on their side.')}
  <h3>The closing note (${plan.note.language})</h3>
  ${plan.note.to ? html`<p class="small muted">To ${plan.note.to} · "${plan.note.subject}"</p>` : html`<p class="small error">This client has no address yet, so no note can be drafted.</p>`}
  <pre class="note">${plan.note.text}</pre>
  <div class="actions"><button type="button" class="danger" data-api="POST" data-url="/api/clients/${c.id}/end" data-confirm="End ${c.name}? Boundary will draft the closing note and stop automatic replies and nudges.">End this client</button> ${pause}</div>
  <p class="small muted">Paused: work is on hold by agreement. Boundary still answers them after hours but does not suggest nudging them about their silence.</p>
</section>`;
}

/** One client: the problem-client view and the way to end (or pause) the relationship. */
export async function clientViewPage(ctx: PipelineContext, user: User, clientId: string): Promise<Html | null> {
  const plan = await planEnding(ctx, user.id, clientId);
  if (!plan) return null;
  const profile = await clientProfile(ctx.db, user.id, clientId, ctx.now());
  const c = plan.client;
  return html`<p class="small"><a href="/clients">← All clients</a></p>
<section class="card"><h2>${c.name}</h2><p class="small muted">${[...c.addresses, ...c.domains].join(', ')} · ${c.status ?? 'active'}</p></section>
${profileCard(profile)}
${endingCard(plan)}`;
}
