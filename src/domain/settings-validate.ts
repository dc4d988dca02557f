import { FormatRegistry } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import { IANAZone } from 'luxon';
import { knownCountry, knownRegion } from './hours/public-holidays.js';
import { checkSchedules } from './settings-schedule-check.js';
import { Settings } from './settings.js';
import { onePerPath, plainWords } from './settings-words.js';

export interface SettingsIssue { path: string; message: string }

/** Every problem found in a settings document; the message lists them all. */
export class SettingsError extends Error {
  readonly issues: SettingsIssue[];
  constructor(issues: SettingsIssue[]) {
    super(`Invalid settings: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'SettingsError';
    this.issues = issues;
  }
}

// TypeBox checks no formats by itself. Deliberately loose: the provider decides deliverability.
if (!FormatRegistry.Has('email')) FormatRegistry.Set('email', (v) => /^[^\s@]+@[^\s@]+$/.test(v));

/** JSON pointer '/week/mon/1/start' to 'week.mon[1].start'. */
function pathOf(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  return out || '(settings)';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Applies defaults, then checks structure (the TypeBox schema) and meaning (zones, clock times,
 * overlaps, real dates, holiday country/region, clients). Throws SettingsError listing every issue.
 */
export function parseSettings(input: unknown): Settings {
  if (!isRecord(input)) throw new SettingsError([{ path: '(settings)', message: 'expected a JSON object' }]);
  const value: unknown = Value.Default(Settings, structuredClone(input));
  const structural = [...Value.Errors(Settings, value)];
  // Over a maximum, the meaning checks (pairwise overlaps) would be the expensive part: skip them.
  const tooLong = structural.some((e) => e.type === ValueErrorType.ArrayMaxItems);
  // The checks of meaning speak of the value itself ("'25:00' is not a time of day"), so they come
  // first and a structural error on the same field is not said twice.
  const issues = onePerPath([...(tooLong ? [] : checkMeaning(value as Record<string, unknown>)), ...structural.map((e) => ({ path: pathOf(e.path), message: plainWords(e) }))]);
  if (issues.length > 0) throw new SettingsError(issues);
  const settings = value as Settings;
  settings.timeZone = canonicalZone(settings.timeZone);
  for (const c of settings.clients) if (c.timeZone) c.timeZone = canonicalZone(c.timeZone);
  return settings;
}

/**
 * IANA names are matched without regard to case (europe/tirane works), but stored and shown as
 * the database spells them, so two spellings of one zone never look like two zones.
 */
export function canonicalZone(zone: string): string {
  const spelled = zoneSpelling(zone);
  if (spelled === null) throw new RangeError(`unknown time zone '${zone}'`);
  return spelled;
}

/**
 * Asking Intl about a zone builds a formatter, which cost more than the rest of a settings check;
 * every sync and send checks settings, so each name's answer is kept (bounded: names are input).
 */
const spellings = new Map<string, string | null>();
const SPELLINGS_MAX = 5_000;

/** The database's spelling of an IANA zone name, or null when it names no zone. */
function zoneSpelling(zone: string): string | null {
  let spelled = spellings.get(zone);
  if (spelled !== undefined) return spelled;
  spelled = IANAZone.isValidZone(zone) ? new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone : null;
  if (spelled !== null && spelled.toLowerCase() !== zone.toLowerCase()) spelled = zone;
  if (spellings.size >= SPELLINGS_MAX) spellings.clear();
  spellings.set(zone, spelled);
  return spelled;
}

const isZone = (zone: string) => zoneSpelling(zone) !== null;

function checkMeaning(s: Record<string, unknown>): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  if (typeof s.timeZone === 'string' && !isZone(s.timeZone)) {
    issues.push({ path: 'timeZone', message: `unknown time zone '${s.timeZone}' (expected an IANA name such as Europe/Tirane)` });
  }
  if (typeof s.locale === 'string') {
    try {
      Intl.getCanonicalLocales(s.locale);
    } catch {
      issues.push({ path: 'locale', message: `'${s.locale}' is not a BCP 47 locale (e.g. en, sq, ru-KZ)` });
    }
  }
  issues.push(...checkSchedules(s));
  const h = s.holidays;
  if (isRecord(h) && h.enabled !== false && typeof h.country === 'string') {
    if (!knownCountry(h.country)) {
      issues.push({ path: 'holidays.country', message: `unknown holiday country '${h.country}' (expected an ISO 3166-1 alpha-2 code that date-holidays knows)` });
    } else if (typeof h.region === 'string' && !knownRegion(h.country, h.region)) {
      issues.push({ path: 'holidays.region', message: `unknown region '${h.region}' for holiday country ${h.country.toUpperCase()}` });
    }
  }
  if (isRecord(h) && typeof h.region === 'string' && typeof h.country !== 'string') {
    issues.push({ path: 'holidays.region', message: 'a region needs holidays.country' });
  }
  list(s.clients).forEach((c, i) => {
    if (!isRecord(c)) return;
    if (list(c.addresses).length === 0 && list(c.domains).length === 0) {
      issues.push({ path: `clients[${i}]`, message: 'a client needs at least one address or domain' });
    }
    if (typeof c.timeZone === 'string' && !isZone(c.timeZone)) {
      issues.push({ path: `clients[${i}].timeZone`, message: `unknown time zone '${c.timeZone}'` });
    }
  });
  return issues;
}
