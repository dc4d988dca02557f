import { DateTime } from 'luxon';
import { spansBetween } from '../hours/index.js';
import type { Client, Settings } from '../settings.js';

/**
 * When a draft the user held for the morning goes out (issue 21). Three bases:
 * - 'user': the user's next working start (the default);
 * - 'client': the client's, in their time zone, on their week when the settings give one, else on
 *   the user's weekly hours read on the client's clock, with the public holidays of their zone;
 * - 'both': the first instant both are working.
 * A client without a known time zone falls back to the user's hours, and says so.
 */
export type HoldBasis = Settings['hold']['sendAt'];

export interface HeldSendTime {
  /** The instant to send at, in the zone of the hours that decided it. */
  at: DateTime;
  /** True when `now` is already working time for the chosen basis: send without waiting. */
  sendNow: boolean;
  basis: HoldBasis;
  /** Plain words for the activity log and the API. */
  reason: string;
}

const WINDOW_DAYS = 14;
const HORIZON_DAYS = 800;
const DAY_MS = 86_400_000;

/** The client's working calendar as settings of their own, so the hours engine answers for them. */
export function clientHours(settings: Settings, client: Client): Settings | null {
  if (!client.timeZone) return null;
  let hours = clientCache.get(client);
  if (!hours || hours.base !== settings) {
    const own: Settings = {
      ...settings,
      timeZone: client.timeZone,
      week: client.week ?? settings.week,
      overrides: [],
      vacations: [],
      holidays: { enabled: true, types: ['public'] },
    };
    hours = { base: settings, own };
    clientCache.set(client, hours);
  }
  return hours.own;
}

// The hours engine caches a calendar per Settings object: keep one object per client.
const clientCache = new WeakMap<Client, { base: Settings; own: Settings }>();

/** The first instant at or after `from` that is working time for every calendar; null within two years when none. */
export function firstCommonWorking(calendars: Settings[], from: number): number | null {
  for (let lo = from; lo < from + HORIZON_DAYS * DAY_MS; lo += WINDOW_DAYS * DAY_MS) {
    const hi = lo + WINDOW_DAYS * DAY_MS;
    let common = spansBetween(calendars[0]!, lo, hi);
    for (const other of calendars.slice(1)) common = intersect(common, spansBetween(other, lo, hi));
    if (common.length > 0) return common[0]![0];
  }
  return null;
}

function intersect(a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]![0], b[j]![0]);
    const end = Math.min(a[i]![1], b[j]![1]);
    if (end > start) out.push([start, end]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

export function heldSendTime(settings: Settings, client: Client | undefined, now: DateTime, basis: HoldBasis = settings.hold.sendAt): HeldSendTime {
  const theirs = client ? clientHours(settings, client) : null;
  const fellBack = basis !== 'user' && !theirs;
  const used: HoldBasis = fellBack ? 'user' : basis;
  const calendars = used === 'user' ? [settings] : used === 'client' ? [theirs!] : [settings, theirs!];
  const ms = now.toMillis();
  const found = firstCommonWorking(calendars, ms);
  if (found === null) throw new RangeError(`no ${used === 'both' ? 'common ' : ''}working time within two years to send a held message`);
  const zone = used === 'client' ? theirs!.timeZone : settings.timeZone;
  const at = DateTime.fromMillis(found, { zone });
  const sendNow = found === ms;
  const whose = used === 'user' ? 'your' : used === 'client' ? `${client!.name}'s` : `your and ${client!.name}'s`;
  const when = sendNow ? `now, within ${whose} working hours` : `at ${whose} next working start, ${at.toFormat('cccc d LLLL HH:mm')} (${zone})`;
  const note = fellBack ? ` (${client ? `${client.name} has no time zone set` : 'the recipient is not a known client'}, so your hours were used)` : '';
  return { at, sendNow, basis: used, reason: `Goes ${when}${note}.` };
}
