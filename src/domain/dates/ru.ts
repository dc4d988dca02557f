import type { DateWords } from './language-parsers.js';

/**
 * What chrono's Russian locale misses: it reads "до конца месяца" as "next month" and has no
 * "end of the week". Only periods are added; its own weekdays, months and "через 3 дня" stay.
 */
export const RUSSIAN_PERIODS: DateWords = {
  weekdays: {},
  months: {},
  days: { послезавтра: 2 },
  periods: [
    { words: ['конца недели', 'концу недели', 'конец недели', 'этой неделе'], period: 'this-week' },
    { words: ['конца месяца', 'концу месяца', 'конце месяца', 'конец месяца'], period: 'end-of-month' },
  ],
  numbers: {},
  units: {},
  inBefore: [],
  inAfter: [],
  endings: '',
};
