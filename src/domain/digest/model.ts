import { DateTime } from 'luxon';
import { matchClient } from '../clients.js';
import { calendarOf } from '../hours/calendar.js';
import { classifyInstant, type InstantCategory } from '../hours/index.js';
import { DAY_MS, MINUTE_MS, clockOfMinutes, dayNumberOfIso, localMsOf, weekdayOfDayNumber, zoneNamed } from '../hours/zone-clock.js';
import type { Settings } from '../settings.js';
import { accountHealth, needsFixing } from './health.js';
import { contractsAreEmpty } from './contracts.js';
import { moneyIsEmpty } from './money.js';
import { clientPatterns } from './patterns.js';
import { abuseItems } from './abuse.js';
import { arrivalHeatmap, clientPressure, withOwnShares } from './pressure.js';
import { heldInDigest } from './waiting.js';
import type { AfterHoursMessage, ClientAfterHours, DigestInboundRow, DigestInput, DigestModel, MeetingItem, Outcome, OwnBoundary } from './types.js';

const HEATMAP_WEEKS = 4;
const OWN_EXAMPLES = 3;
const FOLLOW_UPS_SHOWN = 5;
/** Held for a reason that still concerns a client message (the rest is automated or not a client's). */
const CLIENT_HOLDS = new Set(['vip', 'auto-reply-off', 'unsafe-header', 'already-replied-to-sender', 'already-replied-in-thread', 'client-ended']);

const HOLD_WORDS: Record<string, string> = {
  vip: 'VIPs are never answered automatically',
  'auto-reply-off': 'automatic replies are off for this client',
  'unsafe-header': 'a value in it could not be written safely into a reply',
  'already-replied-to-sender': 'they already had an automatic reply recently',
  'already-replied-in-thread': 'this thread already had an automatic reply',
  'client-ended': 'you ended this client',
  'user-answered': 'you answered first',
  'sending-off': 'sending was switched off',
  'account-disconnected': 'the account was disconnected',
};

/** The digest for `input.date`, as data. Pure: every instant is read against `now`. */
export function buildDigestModel(input: DigestInput, now: Date): DigestModel {
  const { settings } = input;
  const zone = settings.timeZone;
  const at = DateTime.fromJSDate(now, { zone });
  const day = dayNumberOfIso(input.date);
  const plan = day === null ? null : calendarOf(settings).plan(day);
  const clients = afterHoursByClient(settings, input.inbound);
  const messages = clients.flatMap((c) => c.messages);
  const meetings = meetingsOutsideHours(input, zone);
  const ownBoundary = ownBoundaryOf(settings, input.sent);
  const { chasing, problemClients, messages: ledger } = clientPatterns(input, at);
  const pressure = withOwnShares(clientPressure(settings, input.arrivals, at), ledger, settings, at);
  const accounts = accountHealth(input.accounts, now.getTime());
  const abuse = abuseItems(input.inbound, zone, input.abusive);
  const full = input.followUp;
  const followUpCounts = { awaitingClients: full.awaitingClients.length, quietClients: full.quietClients.length, reappearances: full.reappearances.length, unansweredByUser: full.unansweredByUser.length, expectations: full.expectations.length };
  const followUpItems = Object.values(followUpCounts).reduce((a, b) => a + b, 0);
  // A digest is read in a minute: the first few of each list, the rest is one click away.
  const f = { ...full, awaitingClients: full.awaitingClients.slice(0, FOLLOW_UPS_SHOWN), quietClients: full.quietClients.slice(0, FOLLOW_UPS_SHOWN), reappearances: full.reappearances.slice(0, FOLLOW_UPS_SHOWN), unansweredByUser: full.unansweredByUser.slice(0, FOLLOW_UPS_SHOWN), expectations: full.expectations.slice(0, FOLLOW_UPS_SHOWN) };
  return {
    version: 1,
    date: input.date,
    weekday: DateTime.fromISO(input.date, { zone: 'utc' }).setLocale('en').toFormat('cccc'),
    dayKind: plan?.kind ?? 'working',
    holidayName: plan?.holidayName ?? null,
    generatedAt: now.toISOString(),
    since: input.since,
    timeZone: zone,
    userName: input.userName,
    partOfDay: at.hour < 12 ? 'morning' : at.hour < 18 ? 'afternoon' : 'evening',
    abuse,
    empty: abuse.length === 0 && messages.length === 0 && meetings.length === 0 && followUpItems === 0 && ownBoundary === null && !pressure.some((p) => p.rising || p.heavy) && chasing.length === 0 && !problemClients?.length && !accounts.some(needsFixing) && !input.held?.length && moneyIsEmpty(input.money) && contractsAreEmpty(input.contracts),
    afterHours: {
      total: messages.length,
      replied: messages.filter((m) => m.outcome === 'replied' || m.outcome === 'reply-queued').length,
      held: messages.filter((m) => m.outcome === 'held' || m.outcome === 'cancelled' || m.outcome === 'failed').length,
      preview: messages.filter((m) => m.outcome === 'preview').length,
      clients,
    },
    meetings,
    followUp: f,
    followUpCounts,
    ownBoundary,
    pressure,
    chasing,
    problemClients,
    heatmap: arrivalHeatmap(settings, input.arrivals, at, HEATMAP_WEEKS),
    held: heldInDigest(input.held ?? [], zone, settings.hold.enabled),
    accounts,
    ...(input.money ? { money: input.money } : {}),
    ...(input.contracts ? { contracts: input.contracts } : {}),
  };
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
/** What Date#toISOString writes, which is how stored instants reach the model. */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,3})?Z$/;

/**
 * 'Tue 19:05' in the user's zone. Stored UTC instants in an IANA zone are read on the memoized
 * local clock, as a DateTime each cost more than the rest of the section; anything else
 * (a provider's local event time, a fixed-offset zone) keeps luxon's reading.
 */
function localTime(iso: string, zoneName: string): string {
  const zone = UTC_ISO.test(iso) ? zoneNamed(zoneName) : null;
  if (!zone || zone.type !== 'iana') return DateTime.fromISO(iso, { zone: zoneName }).setLocale('en').toFormat('ccc HH:mm');
  const local = localMsOf(zone, Date.parse(iso));
  const day = Math.floor(local / DAY_MS);
  return `${WEEKDAYS[weekdayOfDayNumber(day)]} ${clockOfMinutes(Math.floor((local - day * DAY_MS) / MINUTE_MS))}`;
}

function afterHoursByClient(settings: Settings, rows: DigestInboundRow[]): ClientAfterHours[] {
  const byClient = new Map<string, ClientAfterHours>();
  for (const row of [...rows].sort((a, b) => a.at.localeCompare(b.at))) {
    if (row.category === 'within-hours' || !row.sender) continue;
    if (row.action === 'none' && !CLIENT_HOLDS.has(row.reasons[0]?.code ?? '')) continue;
    const client = matchClient(row.senderName ? { address: row.sender, name: row.senderName } : row.sender, settings);
    if (!client) continue;
    const { outcome, why } = outcomeOf(row);
    const message: AfterHoursMessage = { at: row.at, localTime: localTime(row.at, settings.timeZone), category: row.category as InstantCategory, sender: row.sender, subject: row.subject, outcome, ...(why ? { why } : {}) };
    const entry = byClient.get(client.name) ?? { client: client.name, vip: client.vip, messages: [] };
    entry.messages.push(message);
    byClient.set(client.name, entry);
  }
  // VIPs first (Boundary never answers them), then whoever wrote most.
  return [...byClient.values()].sort((a, b) => Number(b.vip) - Number(a.vip) || b.messages.length - a.messages.length || a.client.localeCompare(b.client));
}

function outcomeOf(row: DigestInboundRow): { outcome: Outcome; why?: string } {
  const code = row.reasons[0]?.code ?? '';
  if (row.action !== 'auto-reply') return { outcome: 'held', why: HOLD_WORDS[code] ?? row.reasons[0]?.message ?? 'kept for you' };
  switch (row.reply?.state) {
    case 'sent': return { outcome: 'replied' };
    case 'queued':
    case 'sending': return { outcome: 'reply-queued' };
    case 'preview': return { outcome: 'preview' };
    case 'failed': return { outcome: 'failed', why: row.reply.error ?? 'the provider refused it' };
    case 'cancelled': {
      const error = row.reply.error ?? '';
      return { outcome: 'cancelled', why: HOLD_WORDS[error] ?? row.cancelledBecause ?? error };
    }
    default: return { outcome: 'held', why: 'no reply was prepared' };
  }
}

function meetingsOutsideHours(input: DigestInput, zone: string): MeetingItem[] {
  return input.invitations
    .filter((i) => i.category !== 'within-hours')
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((i) => ({ subject: i.subject, organizer: i.organizer, localStart: localTime(i.start, zone), category: i.category, action: i.action, answer: i.answer, proposals: i.proposals }));
}

function ownBoundaryOf(settings: Settings, sent: DigestInput['sent']): OwnBoundary | null {
  const perClient = new Map<string, number>();
  const examples: OwnBoundary['examples'] = [];
  let count = 0;
  for (const m of [...sent].sort((a, b) => b.at.localeCompare(a.at))) {
    const cls = classifyInstant(settings, DateTime.fromISO(m.at, { zone: 'utc' }));
    if (cls.working) continue;
    const names = [...new Set(m.recipients.map((r) => matchClient(r, settings)?.name).filter((n): n is string => Boolean(n)))];
    if (names.length === 0) continue;
    count += 1;
    for (const name of names) perClient.set(name, (perClient.get(name) ?? 0) + 1);
    if (examples.length < OWN_EXAMPLES) examples.push({ client: names.join(', '), localTime: localTime(m.at, settings.timeZone), subject: m.subject, category: cls.category });
  }
  if (count === 0) return null;
  return { count, clients: [...perClient].map(([client, n]) => ({ client, count: n })).sort((a, b) => b.count - a.count), examples };
}
