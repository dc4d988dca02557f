import type { DateWords } from './language-parsers.js';

/**
 * Tagalog date words. "Linggo" is both Sunday and "week", so a weekday needs a leading "sa",
 * "ng", "hanggang" or "bago (mag-)" and week phrases ("susunod na linggo") are matched first
 * (chrono keeps the longer of two overlapping readings).
 */
export const TAGALOG: DateWords = {
  weekdays: { lunes: 1, martes: 2, miyerkules: 3, miyerkoles: 3, huwebes: 4, biyernes: 5, sabado: 6, linggo: 0 },
  months: { enero: 1, pebrero: 2, marso: 3, abril: 4, mayo: 5, hunyo: 6, hulyo: 7, agosto: 8, setyembre: 9, oktubre: 10, nobyembre: 11, disyembre: 12 },
  days: { 'ngayong araw': 0, 'ngayong gabi': 0, bukas: 1, 'sa makalawa': 2 },
  periods: [
    { words: ['susunod na linggo', 'sa isang linggo', 'sunod na linggo'], period: 'next-week' },
    { words: ['ngayong linggo', 'katapusan ng linggo', 'linggong ito', 'weekend'], period: 'this-week' },
    { words: ['susunod na buwan', 'sunod na buwan'], period: 'next-month' },
    { words: ['katapusan ng buwan', 'katapusan ng buwang ito', 'dulo ng buwan', 'end of the month'], period: 'end-of-month' },
  ],
  numbers: { isang: 1, isa: 1, dalawang: 2, dalawa: 2, tatlong: 3, tatlo: 3, apat: 4, 'apat na': 4, limang: 5, lima: 5, anim: 6, pitong: 7, pito: 7, sampung: 10, sampu: 10 },
  units: { araw: 'day', linggo: 'week', buwan: 'month' },
  inBefore: ['sa loob ng', 'pagkalipas ng', 'makalipas ang', 'within'],
  inAfter: ['mula ngayon', 'from now'],
  endings: 'ng|g',
  weekdayLead: 'sa\\s+|ng\\s+|hanggang\\s+|bago\\s+(?:mag-?|ang\\s+)?|this\\s+|by\\s+|on\\s+|next\\s+',
};
