/**
 * Settings under which it is now 23:00 for the user, with no grace period. Real servers stamp
 * arrival with the real clock, so the zone moves instead: Etc/GMT-14 is UTC+14.
 */
export function lateEveningSettings(now = new Date()) {
  const hours = (23 - now.getUTCHours() + 24) % 24;
  const offset = hours > 14 ? hours - 24 : hours; // Etc/ zones run from UTC-12 to UTC+14
  const day = [{ start: '09:00', end: '17:00' }];
  return {
    timeZone: `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`,
    week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] },
    holidays: { enabled: false },
    gracePeriodMinutes: 0,
  };
}
