/** Working hours: the only module other parts should import for time-of-work questions. */
export type { DayKind, InstantCategory, InstantClass } from './calendar.js';
export { classifyInstant, isWorkingMs, isWorkingTime, nextWorkingStart, spansBetween, workingIntervals, workingTimeBetween, addWorkingTime } from './working-time.js';
export { describeWeek, type DescribeWeekOptions } from './describe-week.js';
export { isWorkingDay } from './working-day.js';
export { replyMoment, type ReplyMoment } from './moment.js';
export { localDatesOf, vacationsOfTimeOff, withCalendarTimeOff, type CalendarTimeOff } from './calendar-time-off.js';
