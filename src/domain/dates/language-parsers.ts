import { ParsingComponents, type Parser, type ParsingContext } from 'chrono-node';

/**
 * chrono-node parsers built from a table of one language's date words. chrono has no Albanian,
 * Tagalog or Kazakh locale, so each of those languages is a table here, added to a chrono
 * instance through its own Parser API (see dates/find-dates.ts). Words are matched at word edges
 * (Unicode letters, since \b knows neither Cyrillic nor ë) and may carry inflection endings.
 */
export interface DateWords {
  /** Word (or stem) → JavaScript weekday: 0 Sunday … 6 Saturday. */
  weekdays: Record<string, number>;
  /** Word (or stem) → month 1…12. */
  months: Record<string, number>;
  /** Phrase → days from today ("tomorrow" → 1). */
  days: Record<string, number>;
  /** Phrases naming a whole period, read as its end: "next week" ends on that week's Friday. */
  periods: Array<{ words: string[]; period: 'this-week' | 'next-week' | 'next-month' | 'end-of-month' }>;
  /** Number words ("three", "три") for "in three days". */
  numbers: Record<string, number>;
  /** Unit word (stem) → unit, for "in N days/weeks/months". */
  units: Record<string, 'day' | 'week' | 'month'>;
  /** "in N units": regex sources placed before and after "N unit"; one of them must match. */
  inBefore: string[];
  inAfter: string[];
  /** Inflection endings a word may carry ("жұмаға", "dhjetorit"). */
  endings: string;
  /** Words before a weekday that the weekday needs (Tagalog "Linggo" is also "week"). */
  weekdayLead?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// People often type Albanian without its diacritics ("e premte" for "e premte", "neser" for "nesër").
const loose = (s: string) => escape(s).replace(/ë/g, '[ëe]').replace(/ç/g, '[çc]').replace(/\s+/g, '\\s+');
const alternatives = (words: string[]) => [...words].sort((a, b) => b.length - a.length).map(loose).join('|');
const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';

function lookup<T>(table: Record<string, T>, found: string): T | undefined {
  const text = found.toLowerCase().replace(/\s+/g, ' ');
  const plain = (s: string) => s.replace(/ë/g, 'e').replace(/ç/g, 'c');
  const key = Object.keys(table).sort((a, b) => b.length - a.length).find((k) => text.startsWith(k) || plain(text).startsWith(plain(k)));
  return key === undefined ? undefined : table[key];
}

/** The reference's wall-clock date in the caller's zone (chrono shifts it for us). */
const today = (context: ParsingContext) => context.reference.getDateWithAdjustedTimezone();

function daysFromToday(context: ParsingContext, days: number): ParsingComponents {
  return ParsingComponents.createRelativeFromReference(context.reference, { day: days });
}

function periodEnd(context: ParsingContext, period: DateWords['periods'][number]['period']): ParsingComponents {
  const d = today(context);
  const weekday = d.getDay();
  const toFriday = (5 - weekday + 7) % 7;
  if (period === 'this-week') return daysFromToday(context, toFriday).addTag('boundary/period');
  // Next week ends on its Sunday (ISO weeks), as chrono's English "next week" is read.
  if (period === 'next-week') return daysFromToday(context, ((7 - weekday) % 7) + 7).addTag('boundary/period');
  const monthEnd = new Date(d.getFullYear(), d.getMonth() + (period === 'next-month' ? 2 : 1), 0);
  return daysFromToday(context, Math.round((monthEnd.getTime() - new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()) / 86_400_000)).addTag('boundary/period');
}

/** chrono asks for a parser's pattern on every parse; these are built once per language. */
function once(build: () => RegExp): () => RegExp {
  const re = build();
  return () => re;
}

export function languageParsers(w: DateWords): Parser[] {
  const end = `(?:${w.endings})?${END}`;
  const number = `(\\d{1,3}|${alternatives(Object.keys(w.numbers))})`;
  const unit = `(${alternatives(Object.keys(w.units))})`;
  const weekday = `(${alternatives(Object.keys(w.weekdays))})`;
  const month = `(${alternatives(Object.keys(w.months))})`;
  const numberOf = (s: string) => (/^\d+$/.test(s) ? Number(s) : (lookup(w.numbers, s) ?? NaN));
  const inUnits = (count: number, u: string | undefined, context: ParsingContext) => {
    const kind = u ? lookup(w.units, u) : undefined;
    if (!kind || !Number.isFinite(count)) return null;
    return ParsingComponents.createRelativeFromReference(context.reference, kind === 'day' ? { day: count } : kind === 'week' ? { week: count } : { month: count });
  };
  const periodStarts = w.periods.map((p) => [new RegExp(`^(?:${alternatives(p.words)})`, 'iu'), p] as const);
  const has = (t: Record<string, unknown> | unknown[]) => Object.keys(t).length > 0;
  const parsers: Array<Parser | false> = [
    has(w.days) && {
      pattern: once(() => new RegExp(`${START}(${alternatives(Object.keys(w.days))})${END}`, 'iu')),
      extract: (context, m) => {
        const days = lookup(w.days, m[1]!);
        return days === undefined ? null : daysFromToday(context, days);
      },
    },
    has(w.periods) && {
      pattern: once(() => new RegExp(`${START}(${w.periods.map((p) => alternatives(p.words)).join('|')})${end}`, 'iu')),
      extract: (context, m) => {
        const text = m[1]!.toLowerCase();
        const p = periodStarts.find(([re]) => re.test(text))?.[1];
        return p ? periodEnd(context, p.period) : null;
      },
    },
    has(w.units) && has(w.inBefore) && {
      pattern: once(() => new RegExp(`${START}(?:${w.inBefore.join('|')})\\s+${number}\\s+${unit}${end}`, 'iu')),
      extract: (context, m) => inUnits(numberOf(m[1]!), m[2], context),
    },
    has(w.units) && has(w.inAfter) && {
      pattern: once(() => new RegExp(`${START}${number}\\s+${unit}(?:${w.endings})?\\s*(?:${w.inAfter.join('|')})${END}`, 'iu')),
      extract: (context, m) => inUnits(numberOf(m[1]!), m[2], context),
    },
    has(w.months) && {
      // "15 dhjetor", "15 желтоқсанға", "Disyembre 15"
      pattern: once(() => new RegExp(`${START}(?:(\\d{1,2})\\.?\\s+${month}|${month}\\s+(\\d{1,2}))${end}`, 'iu')),
      extract: (context, m) => {
        const day = Number(m[1] ?? m[4]);
        const mon = lookup(w.months, m[2] ?? m[3]!);
        if (!mon || day < 1 || day > 31) return null;
        const c = context.createParsingComponents({ day, month: mon });
        const d = today(context);
        // A date without a year is the next one to come.
        const past = mon < d.getMonth() + 1 || (mon === d.getMonth() + 1 && day < d.getDate());
        c.imply('year', d.getFullYear() + (past ? 1 : 0));
        return c;
      },
    },
    has(w.weekdays) && {
      pattern: once(() => new RegExp(`${START}${w.weekdayLead ? `(?:${w.weekdayLead})` : ''}${weekday}${end}`, 'iu')),
      extract: (context, m) => {
        const target = lookup(w.weekdays, m[1]!);
        if (target === undefined) return null;
        return daysFromToday(context, (target - today(context).getDay() + 7) % 7);
      },
    },
  ];
  return parsers.filter((p): p is Parser => p !== false);
}
