import * as chrono from 'chrono-node';
import { DateTime, type Zone } from 'luxon';
import type { ReplyLanguage } from '../settings.js';
import { KAZAKH } from './kk.js';
import { languageParsers, type DateWords } from './language-parsers.js';
import { RUSSIAN_PERIODS } from './ru.js';
import { ALBANIAN } from './sq.js';
import { TAGALOG } from './tl.js';

/**
 * Dates named in a message, in all five reply languages. English and Russian are chrono-node's
 * own locales; Albanian, Tagalog and Kazakh are tables added to a chrono instance through its
 * Parser API. Albanian and Tagalog mail often mixes in English ("deadline Friday"), so those
 * instances keep the English parsers; Kazakh keeps the Russian ones for the same reason.
 */
function extended(base: chrono.Chrono, words: DateWords): chrono.Chrono {
  const c = base.clone();
  // Ours first: on overlapping readings chrono keeps the longer, and on equal ones the first.
  c.parsers.unshift(...languageParsers(words));
  return c;
}

const PARSERS: Record<ReplyLanguage, chrono.Chrono> = {
  en: chrono.en.casual,
  ru: extended(chrono.ru.casual, RUSSIAN_PERIODS),
  kk: extended(extended(chrono.ru.casual, RUSSIAN_PERIODS), KAZAKH),
  sq: extended(chrono.en.strict, ALBANIAN),
  tl: extended(chrono.en.casual, TAGALOG),
};

export interface FoundDate {
  /** The words read as a date. */
  text: string;
  index: number;
  /** The moment named; a day without an hour is its start of day in the zone. */
  at: DateTime;
  /** Until when it holds: the named instant when an hour was given, else the end of that day. */
  due: DateTime;
}

export interface DateContext {
  /** The message's language when known; otherwise guessed from the script. */
  language: ReplyLanguage | null;
  /** The reference instant: "tomorrow" is relative to it (usually when the message was sent). */
  now: DateTime;
  zone: string | Zone;
}

const WEEK = /week|недел|апта|jav|linggo/iu;

function languageOf(text: string, language: ReplyLanguage | null): ReplyLanguage {
  if (language) return language;
  if (/\p{Script=Cyrillic}/u.test(text)) return /[әғқңөұүһі]/iu.test(text) ? 'kk' : 'ru';
  return 'en';
}

export function findDates(text: string, ctx: DateContext): FoundDate[] {
  const ref = ctx.now.setZone(ctx.zone);
  if (!ref.isValid) return [];
  const results = PARSERS[languageOf(text, ctx.language)].parse(text, { instant: ref.toJSDate(), timezone: ref.offset }, { forwardDate: true });
  return results.map((r) => {
    const c = r.start;
    const at = DateTime.fromJSDate(c.date(), { zone: ctx.zone });
    const ours = c.tags().has('boundary/period');
    let due: DateTime;
    if (c.isCertain('hour')) due = at;
    else if (!ours && WEEK.test(r.text) && !c.isCertain('weekday')) due = at.endOf('week'); // chrono's "next week" is a day in it
    else if (!ours && !c.isCertain('day') && c.isCertain('month')) due = at.endOf('month'); // "next month", "в декабре"
    else due = at.endOf('day');
    return { text: r.text, index: r.index, at: c.isCertain('hour') ? at : at.startOf('day'), due };
  });
}
