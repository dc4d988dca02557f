import type { DateTime } from 'luxon';
import { describeWeek } from '../hours/index.js';
import type { MessageMeta } from '../message.js';
import type { Client, ReplyLanguage, Settings } from '../settings.js';
import { LANGUAGE_PACKS } from './builtin-templates.js';
import { clientZone, sameClock } from './client-zone.js';

/**
 * The opening and the working-hours sentence every message to a client shares: the after-hours
 * reply and the drafts (first-contact note, recap, contract request) read the same.
 */

/** One line for a header or a greeting: CR/LF from a sender name must not reach either. */
export function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** "Hi Maria," (first name in en, sq, tl), "Здравствуйте, Мария Иванова!" (ru, kk), or the plain greeting. */
export function greetingFor(language: ReplyLanguage, name: string | undefined): string {
  const pack = LANGUAGE_PACKS[language];
  const full = oneLine(name ?? '');
  const greetName = pack.firstNameOnly ? (full.split(' ')[0] ?? '') : full;
  return greetName ? pack.greeting.named.replace('{name}', greetName) : pack.greeting.plain;
}

/** The client's zone when it is known and shows another clock than the user's; else null. */
export function otherClientZone(message: MessageMeta, client: Client | null, settings: Settings, now: DateTime): string | null {
  const zone = clientZone(message, client);
  return zone && !sameClock(zone, settings.timeZone, now) ? zone : null;
}

/** The user's week in their zone, and converted to the client's when that differs. */
export function hoursInBothZones(settings: Settings, otherZone: string | null, locale: string, now: DateTime): { user: string; client: string; both: string } {
  const user = describeWeek(settings, { locale, at: now });
  const client = otherZone ? describeWeek(settings, { locale, otherZone, at: now }) : '';
  return { user, client, both: client || user };
}
