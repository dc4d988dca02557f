import type { CalendarTimeOff } from '../domain/hours/index.js';
import type { Db } from './db.js';
import { bumpSettingsVersion } from './settings-store.js';

export interface TimeOffChange {
  current: CalendarTimeOff[];
  gone: string[];
}

const same = (a: CalendarTimeOff, b: CalendarTimeOff) => a.allDay === b.allDay && a.start === b.start && a.end === b.end;

/**
 * Applies what a calendar read says about out-of-office events. With `replace`, the account's
 * rows become exactly `current` (a fresh baseline). A real change bumps the settings version,
 * so a reply already queued on the old dates is decided again before it is sent.
 */
export async function recordCalendarTimeOff(db: Db, userId: string, accountId: string, change: TimeOffChange, at: Date, replace = false): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('calendar_time_off').selectAll().where('account_id', '=', accountId).execute();
    const stored = new Map(rows.map((r) => [r.event_id, { eventId: r.event_id, allDay: r.all_day, start: r.start_at, end: r.end_at }]));
    const currentIds = new Set(change.current.map((c) => c.eventId));
    const gone = new Set(replace ? [...stored.keys()].filter((id) => !currentIds.has(id)) : change.gone.filter((id) => stored.has(id) && !currentIds.has(id)));
    const upserts = change.current.filter((c) => { const s = stored.get(c.eventId); return !s || !same(s, c); });
    if (gone.size === 0 && upserts.length === 0) return false;
    if (gone.size > 0) await trx.deleteFrom('calendar_time_off').where('account_id', '=', accountId).where('event_id', 'in', [...gone]).execute();
    for (const c of upserts) {
      const values = { all_day: c.allDay, start_at: c.start, end_at: c.end };
      await trx.insertInto('calendar_time_off').values({ account_id: accountId, event_id: c.eventId, ...values })
        .onConflict((oc) => oc.columns(['account_id', 'event_id']).doUpdateSet(values)).execute();
    }
    await bumpSettingsVersion(trx, userId, at);
    return true;
  });
}

/** Out-of-office events of every calendar the user connected. */
export async function calendarTimeOffOfUser(db: Db, userId: string): Promise<CalendarTimeOff[]> {
  const rows = await db.selectFrom('calendar_time_off').innerJoin('accounts', 'accounts.id', 'calendar_time_off.account_id')
    .select(['calendar_time_off.event_id', 'calendar_time_off.all_day', 'calendar_time_off.start_at', 'calendar_time_off.end_at'])
    .where('accounts.user_id', '=', userId).orderBy('calendar_time_off.start_at').execute();
  return rows.map((r) => ({ eventId: r.event_id, allDay: r.all_day, start: r.start_at, end: r.end_at }));
}
