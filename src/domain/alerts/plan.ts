import { DateTime } from 'luxon';
import type { Client, Settings } from '../settings.js';
import type { Signal } from '../signals/types.js';

/**
 * Whether a client message reaches the user now (issue 18): a VIP's mail always ("always tell
 * me"), an urgent one from a client marked alertWhenUrgent. Pure: the instant comes in.
 */
export type AlertRule = 'vip' | 'urgent';
export type AlertChannel = 'email' | 'webhook' | 'push';

export interface AlertPlan {
  rule: AlertRule;
  /** One line for the user: why this alert. */
  why: string;
  /** When to send: now, or the end of the user's quiet hours. */
  sendAt: DateTime;
  /** Held for quiet hours (false when it goes now or breaks through). */
  heldForQuiet: boolean;
  breaksQuiet: boolean;
  channels: AlertChannel[];
}

/** The channels the user configured; push is tried only where a browser subscribed. */
export function alertChannels(settings: Settings): AlertChannel[] {
  const a = settings.alerts;
  return [...(a.email ? (['email'] as const) : []), ...(a.webhook ? (['webhook'] as const) : []), ...(a.push ? (['push'] as const) : [])];
}

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** The end of the quiet hours `at` falls in, or null when `at` is not in quiet hours. */
export function quietUntil(settings: Settings, at: DateTime): DateTime | null {
  const quiet = settings.alerts.quietHours;
  if (!quiet) return null;
  const local = at.setZone(settings.timeZone);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const now = local.hour * 60 + local.minute;
  const day = local.startOf('day');
  const endOn = (d: DateTime) => d.plus({ minutes: end });
  if (start < end) return now >= start && now < end ? endOn(day) : null;
  // Overnight (22:00–07:00): in the evening part it ends tomorrow, in the morning part today.
  if (now >= start) return endOn(day.plus({ days: 1 }));
  if (now < end) return endOn(day);
  return null;
}

export function planAlert(settings: Settings, client: Client | null, signals: readonly Signal[], now: DateTime): AlertPlan | null {
  if (!client) return null;
  const urgent = signals.some((s) => s.code === 'urgent');
  let rule: AlertRule;
  let why: string;
  if (client.vip) {
    rule = 'vip';
    why = `${client.name} is a VIP: always tell me${urgent ? ' (and it reads as urgent)' : ''}`;
  } else if (urgent && client.alertWhenUrgent) {
    rule = 'urgent';
    why = `Urgent mail from ${client.name}, who you asked to be alerted about`;
  } else return null;
  const channels = alertChannels(settings);
  if (channels.length === 0) return null;
  const breaksQuiet = client.alertBreaksQuiet === true;
  const until = breaksQuiet ? null : quietUntil(settings, now);
  return { rule, why, sendAt: until ?? now, heldForQuiet: until !== null, breaksQuiet, channels };
}
