import type { DateWords } from './language-parsers.js';

/** Albanian date words. Weekdays and months are lower-case common nouns ("të premten", "15 dhjetor"). */
export const ALBANIAN: DateWords = {
  weekdays: { hënë: 1, hënën: 1, martë: 2, martën: 2, mërkurë: 3, mërkurën: 3, enjte: 4, enjten: 4, premte: 5, premten: 5, shtunë: 6, shtunën: 6, diel: 0, dielën: 0 },
  months: { janar: 1, shkurt: 2, mars: 3, prill: 4, maj: 5, qershor: 6, korrik: 7, gusht: 8, shtator: 9, tetor: 10, nëntor: 11, dhjetor: 12 },
  days: { sot: 0, 'sot në mbrëmje': 0, nesër: 1, pasnesër: 2 },
  periods: [
    { words: ['javën e ardhshme', 'java e ardhshme', 'javën tjetër', 'javës së ardhshme'], period: 'next-week' },
    { words: ['këtë javë', 'fundjavë', 'fund të javës', 'fundi i javës', 'kësaj jave'], period: 'this-week' },
    { words: ['muajin e ardhshëm', 'muajin tjetër', 'muajit të ardhshëm'], period: 'next-month' },
    { words: ['fund të muajit', 'fundi i muajit', 'fundit të muajit', 'fundin e muajit'], period: 'end-of-month' },
  ],
  numbers: { një: 1, dy: 2, tre: 3, katër: 4, pesë: 5, gjashtë: 6, shtatë: 7, tetë: 8, nëntë: 9, dhjetë: 10 },
  units: { ditë: 'day', ditësh: 'day', ditëve: 'day', javë: 'week', javësh: 'week', javëve: 'week', muaj: 'month', muajsh: 'month', muajve: 'month' },
  inBefore: ['për', 'brenda', 'pas', 'brenda\\s+(?:nj[ëe]\\s+)?'],
  inAfter: ['nga sot'],
  endings: 'it|in|ës|ën|ë|a|e|s',
};
