import { DateTime } from 'luxon';
import { calendarOf } from './hours/calendar.js';
import { classifyInstant, describeWeek, workingIntervals, workingTimeBetween } from './hours/index.js';
import { cityOf } from './hours/week-words.js';
import { DAY_MS, MINUTE_MS, localDayOf, localMsOf, zoneNamed } from './hours/zone-clock.js';
import { invitationNote, slotText } from './invitation-text.js';
import type { BusyInterval, InvitationMeta } from './message.js';
import type { Settings } from './settings.js';

export type InvitationCategory = 'weekend' | 'outside-hours' | 'holiday' | 'vacation' | 'within-hours' | 'partly-outside';
export type InvitationAction = 'none' | 'notify' | 'reply-with-note' | 'tentative-with-note' | 'decline-with-proposals';
/** Stable codes for the activity log; add, never rename. */
export type InvitationReason =
  | 'cancelled' | 'already-answered' | 'organized-by-user' | 'already-over' | 'all-day'
  | 'within-hours' | 'outside-hours' | 'partly-outside' | 'weekend' | 'holiday' | 'vacation'
  | 'policy-notify-only' | 'policy-reply-with-note' | 'policy-tentative-with-note' | 'policy-decline-with-proposals'
  | 'no-free-slot';

export interface ProposedSlot {
  /** ISO 8601 in the user's zone. */
  start: string;
  end: string;
  userText: string;
  /** The same slot in the organizer's zone, when the invitation says which. */
  organizerText: string | null;
}

export interface InvitationDecision {
  category: InvitationCategory;
  action: InvitationAction;
  reasons: InvitationReason[];
  proposals: ProposedSlot[];
  note: string | null;
  holidayName?: string;
}

const MAX_PROPOSALS = 3;
const SEARCH_DAYS = 21;
const GRID_MINUTES = 30;

function categoryOf(settings: Settings, start: DateTime, end: DateTime): { category: InvitationCategory; holidayName?: string } {
  const length = end.toMillis() - start.toMillis();
  const worked = length > 0 ? workingTimeBetween(settings, start, end).toMillis() : classifyInstant(settings, start).working ? 1 : 0;
  if (length > 0 && worked === length) return { category: 'within-hours' };
  if (length <= 0 && worked > 0) return { category: 'within-hours' };
  if (worked > 0) return { category: 'partly-outside' };
  const c = classifyInstant(settings, start);
  const category = c.category === 'after-hours' || c.category === 'within-hours' ? 'outside-hours' : c.category;
  return c.holidayName && category === 'holiday' ? { category, holidayName: c.holidayName } : { category };
}

function allDayCategory(settings: Settings, start: DateTime): InvitationCategory {
  const calendar = calendarOf(settings);
  // All-day events carry a date, not an instant: read it as that date on the user's calendar.
  const day = Math.floor(start.toUTC().startOf('day').toMillis() / DAY_MS);
  const kind = calendar.plan(day).kind;
  return kind === 'working' ? 'within-hours' : kind === 'day-off' ? 'weekend' : kind;
}

/** Same-length slots inside working hours, after `now`, clear of busy time; the first per day. */
export function proposeSlots(settings: Settings, lengthMs: number, busy: BusyInterval[], now: DateTime, organizerZone: string | null): ProposedSlot[] {
  const zone = calendarOf(settings).zone;
  const busySpans = busy.map((b) => [Date.parse(b.start), Date.parse(b.end)] as const).filter(([s, e]) => e > s);
  const other = organizerZone ? zoneNamed(organizerZone) : null;
  const out: ProposedSlot[] = [];
  const usedDays = new Set<number>();
  const grid = GRID_MINUTES * MINUTE_MS;
  for (const { start, end } of workingIntervals(settings, now, now.plus({ days: SEARCH_DAYS }))) {
    const [lo, hi] = [start.toMillis(), end.toMillis()];
    // Round up to the grid on the user's wall clock, so slots start at :00 or :30 there.
    let s = lo + ((grid - (localMsOf(zone, lo) % grid)) % grid);
    while (s + lengthMs <= hi && out.length < MAX_PROPOSALS) {
      const day = localDayOf(zone, s);
      if (usedDays.has(day)) break;
      const clash = busySpans.find(([bs, be]) => bs < s + lengthMs && be > s);
      if (!clash) {
        usedDays.add(day);
        out.push(slot(settings, s, s + lengthMs, other ? (organizerZone as string) : null));
        break;
      }
      s = clash[1] + ((grid - (localMsOf(zone, clash[1]) % grid)) % grid);
    }
    if (out.length >= MAX_PROPOSALS) break;
  }
  return out;
}

function slot(settings: Settings, s: number, e: number, organizerZone: string | null): ProposedSlot {
  const range = (zone: string) => {
    const a = DateTime.fromMillis(s, { zone }).setLocale('en');
    const b = DateTime.fromMillis(e, { zone }).setLocale('en');
    return `${a.toFormat('ccc d LLL, HH:mm')}–${b.toFormat(b.hasSame(a, 'day') ? 'HH:mm' : 'ccc d LLL, HH:mm')}`;
  };
  const start = DateTime.fromMillis(s, { zone: settings.timeZone });
  return {
    start: start.toISO() ?? '',
    end: DateTime.fromMillis(e, { zone: settings.timeZone }).toISO() ?? '',
    userText: slotText(range(settings.timeZone), cityOf(settings.timeZone, 'en')),
    organizerText: organizerZone ? slotText(range(organizerZone), cityOf(organizerZone, 'en')) : null,
  };
}

const none = (category: InvitationCategory, ...reasons: InvitationReason[]): InvitationDecision => ({ category, action: 'none', reasons, proposals: [], note: null });

/**
 * What to do with a calendar invitation. Pure: `busy` is the user's free/busy for the coming
 * weeks and `now` the decision time. Invitations the user answered, organizes or that were
 * cancelled are left alone; so are ones within working hours.
 */
export function decideInvitation(invitation: InvitationMeta, settings: Settings, busy: BusyInterval[], now: DateTime): InvitationDecision {
  const start = DateTime.fromISO(invitation.start, { zone: settings.timeZone });
  const end = DateTime.fromISO(invitation.end, { zone: settings.timeZone });
  if (!start.isValid || !end.isValid) throw new RangeError(`decideInvitation: invalid start/end '${invitation.start}'/'${invitation.end}'`);
  const { category, holidayName } = invitation.isAllDay ? { category: allDayCategory(settings, start), holidayName: undefined } : categoryOf(settings, start, end);
  const own = new Set(settings.addresses.map((a) => a.toLowerCase()));
  if (invitation.cancelled) return none(category, 'cancelled');
  if (invitation.organizer && own.has(invitation.organizer.address.toLowerCase())) return none(category, 'organized-by-user');
  if (invitation.selfResponse !== 'needsAction') return none(category, 'already-answered');
  if (end <= now) return none(category, 'already-over');
  if (category === 'within-hours') return none(category, 'within-hours');
  const reasons: InvitationReason[] = [category];
  if (invitation.isAllDay) return { category, action: 'notify', reasons: [...reasons, 'all-day'], proposals: [], note: null };

  const organizerZone = invitation.timeZone && zoneNamed(invitation.timeZone) ? invitation.timeZone : null;
  const proposals = proposeSlots(settings, end.toMillis() - start.toMillis(), busy, now, organizerZone);
  const policy = settings.invitationPolicy;
  reasons.push(`policy-${policy}`);
  let action: InvitationAction = policy === 'notify-only' ? 'notify' : policy;
  if (action === 'decline-with-proposals' && proposals.length === 0) {
    action = 'tentative-with-note'; // declining with nothing to offer instead would be rude
    reasons.push('no-free-slot');
  }
  const vacationEnd = category === 'vacation' ? classifyInstant(settings, start).vacation?.end : undefined;
  const note = action === 'notify' ? null : invitationNote({
    action,
    category,
    subject: invitation.subject,
    week: describeWeek(settings, { locale: 'en', at: now }),
    proposals,
    ...(vacationEnd ? { vacationEnd } : {}),
    signature: settings.name,
  });
  return { category, action, reasons, proposals, note, ...(holidayName ? { holidayName } : {}) };
}
