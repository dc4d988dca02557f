import Holidays from 'date-holidays';
import { DAY_MS, dayNumberOfIso } from './zone-clock.js';

/**
 * Holidays of the chosen date-holidays types (substitute days included) by local day number.
 * date-holidays is slow to construct and to expand a year, so both are cached for the process.
 */
type YearTable = Map<number, string>;

const calendars = new Map<string, Holidays>();
const years = new Map<string, YearTable>();
let catalogue: Holidays | undefined;

function calendarFor(country: string, region: string | undefined): Holidays {
  const key = `${country}/${region ?? ''}`;
  let hd = calendars.get(key);
  if (!hd) {
    hd = region ? new Holidays(country, region) : new Holidays(country);
    calendars.set(key, hd);
  }
  return hd;
}

export function holidayTable(country: string, region: string | undefined, year: number, language: string, types: readonly string[] = ['public']): YearTable {
  const key = `${country}/${region ?? ''}/${year}/${language}/${types.join(',')}`;
  let table = years.get(key);
  if (table) return table;
  table = new Map();
  for (const h of calendarFor(country, region).getHolidays(year, language)) {
    if (!types.includes(h.type)) continue;
    const first = dayNumberOfIso(h.date.slice(0, 10));
    if (first === null) continue;
    // Multi-day holidays (e.g. several days of New Year) span whole local days.
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let d = 0; d < days; d++) if (!table.has(first + d)) table.set(first + d, h.name);
  }
  years.set(key, table);
  return table;
}

export function knownCountry(country: string): boolean {
  catalogue ??= new Holidays();
  return Object.hasOwn(catalogue.getCountries(), country.toUpperCase());
}

export function knownRegion(country: string, region: string): boolean {
  catalogue ??= new Holidays();
  const states = catalogue.getStates(country.toUpperCase()) ?? {};
  return Object.hasOwn(states, region.toUpperCase());
}

let zoneCountries: Map<string, string> | undefined;

/** The country whose date-holidays data lists this zone, used when settings name no country. */
export function countryOfZone(zone: string): string | undefined {
  if (!zoneCountries) {
    zoneCountries = new Map();
    catalogue ??= new Holidays();
    for (const code of Object.keys(catalogue.getCountries())) {
      const hd = calendarFor(code, undefined);
      for (const tz of hd.getTimezones() ?? []) if (!zoneCountries.has(tz)) zoneCountries.set(tz, code);
    }
  }
  return zoneCountries.get(zone);
}
