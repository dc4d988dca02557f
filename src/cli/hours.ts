import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { classifyInstant, describeWeek, nextWorkingStart } from '../domain/hours/index.js';
import { instantOfWall, zoneNamed } from '../domain/hours/zone-clock.js';
import { SettingsError, parseSettings } from '../domain/settings-validate.js';
import type { Settings } from '../domain/settings.js';

export interface HoursIo {
  out: (s: string) => void;
  err: (s: string) => void;
  now: () => DateTime;
}

const USAGE = 'usage: boundary hours --settings SETTINGS.json [--at ISO]';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** `boundary hours`: is this instant working time, when do I next start, and my week in words. */
export async function hoursCommand(args: string[], io: HoursIo): Promise<number> {
  const file = option(args, '--settings');
  if (!file) {
    io.err(`boundary hours: --settings is required (${USAGE})`);
    return 2;
  }
  let settings: Settings;
  try {
    settings = parseSettings(JSON.parse(await readFile(file, 'utf8')));
  } catch (err) {
    const reason = err instanceof SettingsError ? err.message : `cannot read ${file}: ${(err as Error).message}`;
    io.err(`boundary hours: ${reason.replace(/\s*\n\s*/g, ' ')}`);
    return 2;
  }
  const atText = option(args, '--at');
  const at = atText ? parseAt(atText, settings.timeZone) : io.now().setZone(settings.timeZone);
  if (!at.isValid) {
    io.err(`boundary hours: --at '${atText}' is not an ISO 8601 date-time (${at.invalidExplanation ?? at.invalidReason})`);
    return 2;
  }
  const c = classifyInstant(settings, at);
  const next = nextWorkingStart(settings, at);
  const result = {
    at: at.toISO(),
    working: c.working,
    category: c.category,
    ...(c.holidayName ? { holidayName: c.holidayName } : {}),
    nextWorkingStart: next ? next.toISO() : null,
    week: describeWeek(settings, { locale: settings.locale, at }),
  };
  io.out(JSON.stringify(result, null, 2));
  return 0;
}

/** An ISO time with an offset, or without one on the user's clock (also luxon's "Z" and "+hh:mm" forms). */
const HAS_OFFSET = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * A local time without an offset means the user's own clock. A repeated wall time (fall back)
 * resolves to its first occurrence, as the engine does (instantOfWall); luxon alone would guess
 * from the current offset, so the answer would depend on the day the command runs.
 */
function parseAt(text: string, timeZone: string): DateTime {
  if (HAS_OFFSET.test(text)) return DateTime.fromISO(text, { setZone: false, zone: timeZone });
  const wall = DateTime.fromISO(text, { zone: 'utc' });
  const zone = zoneNamed(timeZone);
  if (!wall.isValid || !zone) return wall;
  return DateTime.fromMillis(instantOfWall(zone, wall.toMillis()), { zone: timeZone });
}
