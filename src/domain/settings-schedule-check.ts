import type { SettingsIssue } from './settings-validate.js';
import { clockOfMinutes, dayNumberOfIso, minutesOfClock } from './hours/zone-clock.js';

/** Semantic checks of the weekly schedule, date overrides and vacations (see parseSettings). */

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

interface Slot { path: string; start: number; end: number; label: string }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Valid intervals of one day as minute ranges (an end past 1440 crosses midnight); issues for the rest. */
function slotsOf(intervals: unknown, base: string, issues: SettingsIssue[]): Slot[] {
  const slots: Slot[] = [];
  list(intervals).forEach((i, n) => {
    if (!isRecord(i) || typeof i.start !== 'string' || typeof i.end !== 'string') return; // structural error already
    const path = `${base}[${n}]`;
    const start = minutesOfClock(i.start);
    const end = minutesOfClock(i.end);
    if (start === null) issues.push({ path: `${path}.start`, message: `'${i.start}' is not a time of day (HH:mm, 00:00–23:59)` });
    else if (start === 1440) issues.push({ path: `${path}.start`, message: '24:00 is only allowed as an end' });
    if (end === null) issues.push({ path: `${path}.end`, message: `'${i.end}' is not a time of day (HH:mm, 00:00–24:00)` });
    if (start === null || end === null || start === 1440) return;
    if (start === end) {
      issues.push({ path, message: `end equals start (${i.start}); an interval needs a length` });
      return;
    }
    slots.push({ path, start, end: end <= start ? end + 1440 : end, label: `${i.start}–${i.end}` });
  });
  return slots.sort((a, b) => a.start - b.start);
}

function checkWithinDay(slots: Slot[], issues: SettingsIssue[]): void {
  for (let k = 1; k < slots.length; k++) {
    for (let j = 0; j < k; j++) {
      const [a, b] = [slots[j]!, slots[k]!];
      if (b.start < a.end) issues.push({ path: b.path, message: `overlaps ${a.label} (${a.path})` });
    }
  }
}

/** An overnight interval of one day against the intervals of the next. */
function checkOvernight(today: Slot[], tomorrow: Slot[], issues: SettingsIssue[]): void {
  for (const a of today) {
    if (a.end <= 1440) continue;
    const spill = a.end - 1440;
    for (const b of tomorrow) {
      if (b.start < spill) {
        issues.push({ path: a.path, message: `${a.label} crosses midnight and overlaps ${b.label} (${b.path}) until ${clockOfMinutes(spill)}` });
      }
    }
  }
}

export function checkSchedules(s: Record<string, unknown>): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  const week = isRecord(s.week) ? s.week : {};
  const weekly = DAYS.map((d) => slotsOf(week[d], `week.${d}`, issues));
  weekly.forEach((slots, i) => {
    checkWithinDay(slots, issues);
    checkOvernight(slots, weekly[(i + 1) % 7]!, issues);
  });

  const overrides = new Map<number, Slot[]>();
  list(s.overrides).forEach((o, n) => {
    if (!isRecord(o) || typeof o.date !== 'string') return;
    const day = dayNumberOfIso(o.date);
    if (day === null) {
      issues.push({ path: `overrides[${n}].date`, message: `'${o.date}' is not a real date (YYYY-MM-DD)` });
      return;
    }
    if (overrides.has(day)) {
      issues.push({ path: `overrides[${n}].date`, message: `${o.date} already has an override` });
      return;
    }
    const slots = slotsOf(o.intervals, `overrides[${n}].intervals`, issues);
    checkWithinDay(slots, issues);
    overrides.set(day, slots);
  });
  // Weekday of day number d: day 0 (1970-01-01) was a Thursday.
  const weekdayOf = (d: number) => (((d + 3) % 7) + 7) % 7;
  const slotsOn = (d: number) => overrides.get(d) ?? weekly[weekdayOf(d)]!;
  for (const [day, slots] of overrides) {
    checkOvernight(slots, slotsOn(day + 1), issues);
    if (!overrides.has(day - 1)) checkOvernight(weekly[weekdayOf(day - 1)]!, slots, issues);
  }

  list(s.vacations).forEach((v, n) => {
    if (!isRecord(v) || typeof v.start !== 'string' || typeof v.end !== 'string') return;
    const start = dayNumberOfIso(v.start);
    const end = dayNumberOfIso(v.end);
    if (start === null) issues.push({ path: `vacations[${n}].start`, message: `'${v.start}' is not a real date (YYYY-MM-DD)` });
    if (end === null) issues.push({ path: `vacations[${n}].end`, message: `'${v.end}' is not a real date (YYYY-MM-DD)` });
    if (start !== null && end !== null && end < start) {
      issues.push({ path: `vacations[${n}].end`, message: `${v.end} is before the start ${v.start}` });
    }
  });
  const holidays = isRecord(s.holidays) ? s.holidays : {};
  list(holidays.days).forEach((d, n) => {
    if (isRecord(d) && typeof d.date === 'string' && dayNumberOfIso(d.date) === null) {
      issues.push({ path: `holidays.days[${n}].date`, message: `'${d.date}' is not a real date (YYYY-MM-DD)` });
    }
  });
  return issues;
}
