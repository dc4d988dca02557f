import { DateTime } from 'luxon';
import type { Settings, Vacation, WeeklySchedule } from '../../domain/settings.js';
import { localDatesOf } from '../../domain/hours/index.js';
import { windowsToIana } from './windows-zones.js';
import { graphCall } from './errors.js';
import { createGraphClient } from './graph-client.js';

/**
 * Starting settings for a newly connected Outlook account, from GET /me/mailboxSettings.
 * Graph gives one time range for all listed days (workingHours), expressed in
 * workingHours.timeZone.name, which may be a Windows name; mapped to IANA via CLDR.
 */

export interface MailboxDefaults {
  timeZone: string;
  week: Settings['week'];
  automaticReplies: { status: string; externalAudience: string } | null;
  /** The scheduled automatic-replies window, as the user's local dates: they told Outlook they are away. */
  timeOff: Vacation | null;
}

interface DateTimeTimeZone { dateTime?: unknown; timeZone?: unknown }

/** Graph dateTimeTimeZone → an instant (its timeZone may be a Windows name). */
function instantOf(value: DateTimeTimeZone | undefined, field: string): DateTime {
  const zone = typeof value?.timeZone === 'string' && value.timeZone !== '' ? graphZoneToIana(value.timeZone) : 'UTC';
  const at = typeof value?.dateTime === 'string' ? DateTime.fromISO(value.dateTime, { zone }) : null;
  if (!at?.isValid) throw new Error(`mailboxSettings.automaticRepliesSetting.${field} is not a date-time: ${JSON.stringify(value?.dateTime)}`);
  return at;
}

/** A `scheduled` window [start, end) in local dates of `timeZone`; an end at midnight ends the day before. */
function scheduledTimeOff(ar: { status?: unknown; scheduledStartDateTime?: DateTimeTimeZone; scheduledEndDateTime?: DateTimeTimeZone }, timeZone: string): Vacation | null {
  if (ar.status !== 'scheduled') return null;
  const dates = localDatesOf(instantOf(ar.scheduledStartDateTime, 'scheduledStartDateTime'), instantOf(ar.scheduledEndDateTime, 'scheduledEndDateTime'), timeZone);
  return dates ? { ...dates, message: '' } : null;
}

const DAYS: Record<string, keyof WeeklySchedule> = {
  monday: 'mon', tuesday: 'tue', wednesday: 'wed', thursday: 'thu', friday: 'fri', saturday: 'sat', sunday: 'sun',
};

/** A Graph zone name (Windows or IANA) → IANA. Unknown names throw, naming the value. */
export function graphZoneToIana(name: string): string {
  if (name.includes('/') || name === 'UTC') {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      return name === 'UTC' ? 'Etc/UTC' : name;
    } catch {
      throw new Error(`Unknown time zone "${name}" in Outlook mailbox settings`);
    }
  }
  return windowsToIana(name);
}

function clock(value: unknown, field: string): string {
  const m = typeof value === 'string' ? /^(\d{2}):(\d{2})/.exec(value) : null;
  if (!m) throw new Error(`mailboxSettings.workingHours.${field} is not a time of day: ${JSON.stringify(value)}`);
  return `${m[1]}:${m[2]}`;
}

export function defaultsFromMailbox(raw: unknown): MailboxDefaults {
  const body = (raw ?? {}) as {
    timeZone?: unknown;
    workingHours?: { daysOfWeek?: unknown; startTime?: unknown; endTime?: unknown; timeZone?: { name?: unknown } };
    automaticRepliesSetting?: { status?: unknown; externalAudience?: unknown; scheduledStartDateTime?: DateTimeTimeZone; scheduledEndDateTime?: DateTimeTimeZone };
  };
  const wh = body.workingHours;
  const zoneName = wh?.timeZone?.name ?? body.timeZone;
  if (typeof zoneName !== 'string' || zoneName === '') throw new Error('mailboxSettings has no timeZone');
  const timeZone = graphZoneToIana(zoneName);
  const week: WeeklySchedule = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  if (wh && Array.isArray(wh.daysOfWeek)) {
    const start = clock(wh.startTime, 'startTime');
    let end = clock(wh.endTime, 'endTime');
    if (end === '00:00') end = '24:00'; // a range ending at midnight ends the day, not crossing it
    for (const d of wh.daysOfWeek) {
      const key = DAYS[String(d).toLowerCase()];
      if (!key) throw new Error(`mailboxSettings.workingHours.daysOfWeek has an unknown day: ${JSON.stringify(d)}`);
      week[key] = [{ start, end }];
    }
  }
  const ar = body.automaticRepliesSetting;
  return {
    timeZone,
    week,
    automaticReplies: ar ? { status: String(ar.status ?? 'disabled'), externalAudience: String(ar.externalAudience ?? 'none') } : null,
    timeOff: ar ? scheduledTimeOff(ar, timeZone) : null,
  };
}

export async function importMailboxSettings(opts: { baseUrl: string; getAccessToken: () => Promise<string>; now: () => Date }): Promise<MailboxDefaults> {
  const client = createGraphClient(opts.baseUrl, opts.getAccessToken);
  const raw: unknown = await graphCall('mailboxSettings', opts.now, () => client.api('/me/mailboxSettings').get());
  return defaultsFromMailbox(raw);
}
