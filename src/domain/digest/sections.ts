import type { DigestModel } from './types.js';
import { holdNudge, waitingSection } from './waiting.js';
import { attention, attentionTotal, meetingText, outcomeText, ownBoundaryText, plural, pressureText, type Attention } from './words.js';

/** Per client, the latest few messages; the count says how many there were. */
const MESSAGES_SHOWN = 3;

/**
 * The digest as ordered sections of plain sentences, most important first. Both renderers draw
 * these, so ordering and wording are decided once.
 */
export interface Line {
  text: string;
  /** A ready-to-copy follow-up or reply opener. */
  suggestion?: string;
  /** Secondary detail (time, what Boundary did). */
  note?: string;
}

export interface Section {
  id: 'attention' | 'after-hours' | 'meetings' | 'follow-ups' | 'own-boundary' | 'held' | 'pressure' | 'heatmap';
  title: string;
  intro?: string;
  lines: Line[];
}

const fromAttention = (a: Attention): Line => (a.suggestion ? { text: a.text, suggestion: a.suggestion } : { text: a.text });

export function sections(m: DigestModel): Section[] {
  if (m.empty) return [];
  const out: Section[] = [];
  const needs = attention(m).map(fromAttention);
  const hidden = attentionTotal(m) - needs.length;
  if (hidden > 0) needs.push({ text: `…and ${hidden} more in your follow-ups.` });
  if (needs.length > 0) out.push({ id: 'attention', title: 'Needs you today', lines: needs });

  if (m.afterHours.total > 0) {
    const lines: Line[] = [];
    for (const c of m.afterHours.clients) {
      for (const msg of c.messages.slice(-MESSAGES_SHOWN)) {
        lines.push({ text: `${c.client}${c.vip ? ' (VIP)' : ''}: "${msg.subject || '(no subject)'}"`, note: `${msg.localTime}, ${msg.category.replace('-', ' ')}; ${outcomeText(msg)}` });
      }
      const earlier = c.messages.length - MESSAGES_SHOWN;
      if (earlier > 0) lines.push({ text: `${c.client}: ${plural(earlier, 'earlier message')} (see the activity log)` });
    }
    const perClient = m.afterHours.clients.map((c) => `${c.client} ${c.messages.length}`).join(', ');
    out.push({ id: 'after-hours', title: 'While you were off', intro: `${plural(m.afterHours.total, 'message')} from clients outside your hours (${perClient}).`, lines });
  }

  if (m.meetings.length > 0) {
    out.push({ id: 'meetings', title: 'Meeting requests outside your hours', lines: m.meetings.map((i) => ({ text: meetingText(i) })) });
  }

  const f = m.followUp;
  const follow: Line[] = [
    ...f.awaitingClients.map((a) => ({ text: `Waiting on ${a.client.name} for "${a.subject}" (${plural(Math.round(a.waitingWorkingHours), 'working hour')}).`, suggestion: a.suggestedFollowUp })),
    ...f.quietClients.map((q) => ({ text: `${q.client.name} has been quiet for ${plural(Math.round(q.quietWorkingDays), 'working day')}${q.openItems.length ? ` with open items: ${q.openItems.join(', ')}` : ''}.`, suggestion: q.suggestedFollowUp })),
  ];
  const moreFollow = m.followUpCounts.awaitingClients + m.followUpCounts.quietClients - follow.length;
  if (moreFollow > 0) follow.push({ text: `…and ${moreFollow} more in your follow-ups.` });
  if (follow.length > 0) out.push({ id: 'follow-ups', title: 'Worth a gentle nudge', lines: follow });

  const own = ownBoundaryText(m);
  if (own && m.ownBoundary) {
    const examples = m.ownBoundary.examples.map((e) => ({ text: `${e.localTime} to ${e.client}: "${e.subject || '(no subject)'}"` }));
    const nudge = holdNudge(m);
    out.push({ id: 'own-boundary', title: 'Your own boundary', intro: own, lines: nudge ? [...examples, nudge] : examples });
  }
  const waiting = waitingSection(m);
  if (waiting) out.push(waiting);

  const rising = pressureText(m);
  const busy = m.pressure.filter((p) => p.thisWeek.total > 0);
  if (busy.length > 0) {
    out.push({
      id: 'pressure',
      title: 'Pressure this week',
      ...(rising.length > 0 ? { intro: rising.join(' ') } : { intro: 'No client is pushing further into your evenings than last week.' }),
      lines: busy.map((p) => ({ text: p.client, note: `${p.thisWeek.outside} of ${p.thisWeek.total} outside hours this week; ${p.lastWeek.total === 0 ? 'no mail last week' : `last week ${p.lastWeek.outside} of ${p.lastWeek.total}`}${p.rising ? ' (rising)' : ''}` })),
    });
  }
  if (m.heatmap.total > 0) out.push({ id: 'heatmap', title: 'When client mail arrives', lines: [] });
  return out;
}
