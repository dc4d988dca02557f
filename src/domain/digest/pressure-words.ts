import type { ChasingRow } from '../pressure/chasing.js';
import { ownShareText } from '../pressure/own-share.js';
import type { ClientProfile } from '../pressure/profile.js';
import type { PressureRow } from './types.js';
import { percent, plural } from './words.js';

/** The words for pressure, chasing and the weekly problem-client line, shared by both renderers. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const dayName = (date: string) => {
  const d = new Date(`${date}T12:00:00Z`);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
};

function compared(p: PressureRow): string {
  if (p.shareBefore === null) return 'no mail the week before';
  const now = Math.round((p.shareNow ?? 0) * 100);
  const before = Math.round(p.shareBefore * 100);
  return now === before ? `the same as last week` : `${now > before ? 'up' : 'down'} from ${before}% last week`;
}

/** Rising clients, then clients who send most of their mail outside hours even when steady. */
export function pressureIntro(rows: PressureRow[]): string {
  const rising = rows.filter((p) => p.rising).map((p) => `${p.client} is rising: ${percent(p.shareNow)} of this week's mail came outside your hours (last week ${percent(p.shareBefore)}).`);
  const heavy = rows.filter((p) => p.heavy && !p.rising).map((p) => `${p.client} sent ${p.thisWeek.outside} of ${p.thisWeek.total} messages (${percent(p.shareNow)}) outside your hours this week, ${compared(p)}.`);
  if (rising.length + heavy.length > 0) return [...rising, ...heavy].join(' ');
  return 'No client sends most of their mail outside your hours, and none is pushing further into your evenings than last week.';
}

export function pressureNote(p: PressureRow): string {
  const week = (w: PressureRow['thisWeek'], share: number | null) => `${w.outside} of ${w.total} (${percent(share)})`;
  const before = p.lastWeek.total === 0 ? 'no mail last week' : `last week ${week(p.lastWeek, p.shareBefore)}`;
  const yours = ownShareText(p.yours);
  return `${week(p.thisWeek, p.shareNow)} outside hours this week; ${before}${p.rising ? ' (rising)' : ''}${yours ? `. ${yours} this week` : ''}`;
}

export function chasingIntro(rows: ChasingRow[]): string | undefined {
  if (!rows.some((r) => r.overLimit)) return undefined;
  return "Don't reward chasing: answer once, at your next working start. Each instant answer to a chaser teaches that chasing works.";
}

export function chasingLine(r: ChasingRow): { text: string; note: string } {
  const outside = r.outside === 0 ? 'all in your hours' : r.outside === r.thisWeek ? `${r.thisWeek === 1 ? 'outside' : 'all outside'} your hours` : `${r.outside} outside your hours`;
  const busiest = r.busiestDay && r.busiestDay.count > 1 ? `; ${r.busiestDay.count} on ${dayName(r.busiestDay.date)}` : '';
  const limit = r.overLimit ? `, over your limit of ${r.limit} a day` : '';
  return { text: `${r.client} chased you ${r.thisWeek === 1 ? 'once' : `${r.thisWeek} times`} this week (${outside}${busiest}${limit}).`, note: `"any update?", or writing again before you answered; last week ${r.lastWeek}` };
}

const BARS = '▁▂▃▄▅▆▇█';

/** Twelve weeks in eight block heights: readable in plain text, in mail and by screen readers as a list. */
export function sparkline(values: number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? BARS[0] : BARS[Math.min(7, Math.round((v / max) * 7))])).join('');
}

const BECAUSE: Record<string, (p: ClientProfile) => string> = {
  evenings: (p) => `${percent(p.afterHoursShare)} of their mail outside your hours`,
  chasing: (p) => `${plural(p.chasers, 'chaser')}, over your daily limit on ${plural(p.chaserDaysOverLimit, 'day')}`,
  'false-urgency': (p) => `${p.urgent} urgent messages, ${p.turnedOutUrgent} turned out urgent`,
  'client-broke-agreements': (p) => `${plural(p.brokenByClient - p.latePayments, 'agreement')} they broke`,
  'late-payments': (p) => `${plural(p.latePayments, 'late payment')}`,
  'real-urgency': (p) => `${p.turnedOutUrgent} of ${plural(p.urgent, 'urgent message')} turned out urgent`,
  'urgent-return': () => 'came back after a long silence with an urgent request',
  'you-broke-agreements': (p) => `${plural(p.brokenByUser, 'promise')} of yours overdue or broken`,
};

export function problemClientLine(p: ClientProfile): { text: string; note: string } {
  const problem = p.verdict.kind === 'problem-client';
  const kind = problem ? 'a problem client' : 'a client with a problem';
  const why = p.verdict.because.map((c) => BECAUSE[c]?.(p) ?? c).join('; ');
  const advice = problem
    ? 'Set the line once, in writing and kindly: your hours, when you answer, and that one message is enough.'
    : 'Something changed on their side: ask what happened and what the real deadline is before you drop everything.';
  return { text: `${p.client} looks like ${kind}: ${why}. ${advice}`, note: `12 weeks, oldest first: mail outside your hours ${sparkline(p.trend.map((w) => w.outside))}, chasers ${sparkline(p.trend.map((w) => w.chasers))}` };
}
