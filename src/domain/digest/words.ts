import { needsFixing } from './health.js';
import type { AccountHealth, AfterHoursMessage, DigestModel, Heatmap, MeetingItem } from './types.js';

/** The wording both renderers share, so the text and HTML versions always say the same thing. */

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export const percent = (share: number | null) => (share === null ? 'none' : `${Math.round(share * 100)}%`);
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function greeting(m: DigestModel): string {
  const name = m.userName.trim().split(/\s+/)[0];
  return `Good ${m.partOfDay}${name ? `, ${name}` : ''}.`;
}

export interface Attention {
  text: string;
  suggestion?: string;
}

/** What needs the user today, most urgent first: broken tools, promises, people waiting. */
export function attention(m: DigestModel): Attention[] {
  const out: Attention[] = m.accounts.filter(needsFixing).map((a) => ({ text: accountText(a) }));
  // A return after silence that comes with urgency leads: something changed on the client's side.
  const returns = [...m.followUp.reappearances].sort((a, b) => Number(b.urgentWords.length > 0) - Number(a.urgentWords.length > 0));
  const returnLine = (r: DigestModel['followUp']['reappearances'][number]): Attention => {
    const urgent = r.urgentWords.length > 0 ? ` with urgent words (${r.urgentWords.join(', ')})` : '';
    return { text: `${r.client.name} is back after ${plural(Math.round(r.silentWorkingDays), 'working day')} of silence${urgent}: "${r.subject}".`, suggestion: r.suggestedResponse };
  };
  out.push(...returns.filter((r) => r.urgentWords.length > 0).map(returnLine));
  const order = { broken: 0, overdue: 1, due: 2, open: 3, met: 4 } as const;
  for (const e of [...m.followUp.expectations].sort((a, b) => order[a.status] - order[b.status])) {
    out.push({ text: `${e.client.name}: "${e.title}" is ${e.status === 'due' ? 'due today' : e.status}.`, suggestion: e.suggestedFollowUp });
  }
  for (const u of m.followUp.unansweredByUser) {
    out.push({ text: `${u.client.name} is waiting for your answer on "${u.subject}" (${Math.round(u.waitingWorkingHours)} working hours; you promised ${u.promisedWorkingHours}).` });
  }
  out.push(...returns.filter((r) => r.urgentWords.length === 0).map(returnLine));
  return out;
}

/** How many things need the user, counting the ones the digest leaves out for brevity. */
export function attentionTotal(m: DigestModel): number {
  const c = m.followUpCounts;
  return m.accounts.filter(needsFixing).length + c.expectations + c.unansweredByUser + c.reappearances;
}

export function accountText(a: AccountHealth): string {
  switch (a.problem) {
    case 'needs-reconnect': return `${a.address} needs reconnecting: until then Boundary can't read or answer its mail.`;
    case 'job-failed': return `Something failed on ${a.address}: ${a.detail ?? 'see the activity log'}.`;
    case 'watch-lapsed': return `${a.address}: ${a.detail}`;
    case 'sync-lag': return `${a.address} hasn't synced for ${lagText(a.syncLagMinutes ?? 0)}.`;
    case 'preview': return `${a.address} is in preview mode: Boundary decides and logs, but sends nothing.`;
    default: return `${a.address} is healthy.`;
  }
}

const lagText = (minutes: number) => (minutes < 120 ? plural(minutes, 'minute') : minutes < 2880 ? plural(Math.round(minutes / 60), 'hour') : plural(Math.round(minutes / 1440), 'day'));

/** One sentence that reflects the day: a quiet day says so warmly instead of listing zeros. */
export function headline(m: DigestModel): string {
  if (m.empty) {
    if (m.dayKind === 'holiday') return `Happy ${m.holidayName ?? 'holiday'}! All quiet since the last digest: nothing needs you today.`;
    if (m.dayKind === 'vacation') return 'You are on vacation and all is quiet. Boundary is keeping watch; enjoy it.';
    if (m.dayKind !== 'working') return `Nothing needed you since the last digest. Enjoy your ${m.weekday}: it is yours.`;
    return `A quiet stretch: no client wrote outside your hours and nothing needs you. Have a good ${m.weekday}.`;
  }
  const parts: string[] = [];
  const a = m.afterHours;
  if (a.total > 0) {
    const did = [a.replied > 0 ? `answered ${a.replied} politely` : '', a.held > 0 ? `kept ${a.held} for you` : '', a.preview > 0 ? `would have answered ${a.preview} (preview)` : ''].filter(Boolean);
    parts.push(`${plural(a.total, 'client message')} arrived outside your hours; Boundary ${did.join(' and ')}.`);
  }
  const needs = attentionTotal(m);
  if (needs > 0) parts.push(`${plural(needs, 'thing needs', 'things need')} you today, listed first.`);
  else parts.push('Nothing urgent needs you today.');
  return parts.join(' ');
}

export function subject(m: DigestModel): string {
  const day = `${m.weekday.slice(0, 3)} ${m.date.slice(8)}`.replace(/ 0/, ' ');
  if (m.empty) return `Your boundary digest for ${day}: all quiet`;
  const bits = [m.afterHours.total > 0 ? plural(m.afterHours.total, 'after-hours message') : '', attentionTotal(m) > 0 ? `${attentionTotal(m)} for you` : ''].filter(Boolean);
  return `Your boundary digest for ${day}${bits.length ? `: ${bits.join(', ')}` : ''}`;
}

export function outcomeText(msg: AfterHoursMessage): string {
  switch (msg.outcome) {
    case 'replied': return 'answered politely';
    case 'reply-queued': return 'polite reply on its way';
    case 'preview': return 'would have answered (preview mode)';
    case 'held': return `kept for you: ${msg.why}`;
    case 'cancelled': return `reply not sent: ${msg.why}`;
    case 'failed': return `reply failed: ${msg.why}`;
  }
}

export function meetingText(i: MeetingItem): string {
  const when = `${i.localStart} (${i.category.replace('-', ' ')})`;
  const from = i.organizer ? ` from ${i.organizer}` : '';
  const answer = i.answer ? { accepted: 'accepted with a note about your hours', tentative: 'answered tentatively with a note', declined: 'declined politely' }[i.answer] ?? i.answer : i.action === 'notify' || i.action === 'none' ? 'left for you to answer' : 'answer pending';
  const proposals = i.proposals.length > 0 ? `; proposed ${i.proposals.join(', ')}` : '';
  return `"${i.subject}"${from}, ${when}: ${answer}${proposals}.`;
}

/** Said kindly: the point is the habit it builds in clients, not blame. */
export function ownBoundaryText(m: DigestModel): string | null {
  const o = m.ownBoundary;
  if (!o) return null;
  const who = o.clients.map((c) => c.client).slice(0, 3).join(', ');
  return `You wrote to ${who} ${o.count === 1 ? 'once' : `${o.count} times`} outside your hours. It's generous, and clients notice: each late answer teaches them that late is normal. If it can wait, schedule it for your morning; they'll get the same care at a better time.`;
}

/** The heatmap in one line, for readers (and screen readers) who don't parse colours. */
export function heatmapSummary(h: Heatmap): string {
  if (h.total === 0) return `No client mail in the last ${plural(h.weeks, 'week')}.`;
  let outside = 0;
  let peak = { d: 0, h: 0, n: 0 };
  h.counts.forEach((row, d) => row.forEach((n, hour) => {
    if (h.working[d]![hour]) return;
    outside += n;
    if (n > peak.n) peak = { d, h: hour, n };
  }));
  const share = Math.round((outside / h.total) * 100);
  const peakText = peak.n > 0 ? ` The busiest hour outside them: ${WEEKDAYS[peak.d]} ${String(peak.h).padStart(2, '0')}:00 (${plural(peak.n, 'message')}).` : '';
  return `${plural(h.total, 'client message')} in the last ${plural(h.weeks, 'week')}; ${share}% outside your usual hours.${peakText}`;
}
