/**
 * Date.parse for the instants Boundary stores and reads back by the thousand
 * (`2026-11-24T07:00:00.000Z`): that exact shape is read digit by digit, two to three times
 * faster than Date.parse, which a digest paid for every message of two months. Anything else, and any value
 * the fast path does not cover exactly as Date.parse would, goes to Date.parse.
 */
export function isoMillis(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(23) !== Z || iso.charCodeAt(4) !== DASH || iso.charCodeAt(7) !== DASH || iso.charCodeAt(10) !== T) return Date.parse(iso);
  if (iso.charCodeAt(13) !== COLON || iso.charCodeAt(16) !== COLON || iso.charCodeAt(19) !== DOT) return Date.parse(iso);
  const year = pair(iso, 0) * 100 + pair(iso, 2);
  const month = pair(iso, 5);
  const day = pair(iso, 8);
  const hour = pair(iso, 11);
  const minute = pair(iso, 14);
  const second = pair(iso, 17);
  const ms = pair(iso, 20) * 10 + digit(iso, 22);
  // Date.UTC reads years below 100 as 19xx, and Date.parse has its own rules for hour 24.
  if (!(year >= 1000 && year < 10_000 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59 && ms < 1000)) return Date.parse(iso);
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

const Z = 90;
const T = 84;
const DASH = 45;
const COLON = 58;
const DOT = 46;

// A non-digit reads as 10,000, which no range check above lets through.
function digit(s: string, at: number): number {
  const d = s.charCodeAt(at) - 48;
  return d >>> 0 > 9 ? 10_000 : d;
}

function pair(s: string, from: number): number {
  return digit(s, from) * 10 + digit(s, from + 1);
}
