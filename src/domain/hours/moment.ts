import type { DateTime } from 'luxon';
import type { Settings } from '../settings.js';
import { calendarOf } from './calendar.js';

/**
 * When, in the user's day, a message arrived outside working time: what a considerate reply
 * should say ("before my day starts", "during a break"...), finer than the decision category.
 */
export type ReplyMoment = 'before-day' | 'break' | 'after-day' | 'between-shifts' | 'weekend' | 'day-off' | 'holiday' | 'vacation';

export function replyMoment(settings: Settings, instant: DateTime): ReplyMoment {
  const calendar = calendarOf(settings);
  const ms = instant.toMillis();
  const day = calendar.localDay(ms);
  const plan = calendar.plan(day);
  if (plan.kind === 'vacation' || plan.kind === 'holiday' || plan.kind === 'day-off') return plan.kind;
  if (plan.kind === 'weekend') {
    const weekday = instant.setZone(calendar.zone).weekday;
    return weekday >= 6 ? 'weekend' : 'day-off';
  }
  // A shift that ends on another local day than it starts is a night schedule: "between shifts".
  const overnight = [...calendar.plan(day - 1).spans, ...plan.spans].some(([s, e]) => calendar.localDay(e - 1) !== calendar.localDay(s));
  if (overnight) return 'between-shifts';
  const before = plan.spans.some(([, e]) => e <= ms);
  const after = plan.spans.some(([s]) => s > ms);
  if (before && after) return 'break';
  return after ? 'before-day' : 'after-day';
}
