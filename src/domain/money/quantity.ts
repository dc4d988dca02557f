import type { RateUnit } from './types.js';

/** Number words the scope phrases use, in the five languages ("five more pages", "ещё одну страницу"). */
const NUMBER_WORDS: Record<string, number> = {
  one: 1, an: 1, another: 1, two: 2, three: 3, four: 4, five: 5, six: 6, ten: 10, couple: 2,
  одну: 1, один: 1, одна: 1, одно: 1, пару: 2, две: 2, два: 2, три: 3, четыре: 4, пять: 5,
  бір: 1, екі: 2, үш: 3, төрт: 4, бес: 5,
  një: 1, dy: 2, tre: 3, katër: 4, pesë: 5,
  isa: 1, isang: 1, dalawang: 2, tatlong: 3, apat: 4, limang: 5,
};

/** Words for the units a request can count, per rate unit. */
const UNIT_WORDS: Partial<Record<RateUnit, RegExp>> = {
  page: /(?<![\p{L}])(?:pages?|страниц\p{L}*|бет\p{L}*|faqe|pahina)(?![\p{L}])/iu,
  day: /(?<![\p{L}])(?:days?|дн\p{L}*|день|күн\p{L}*|dit[ëe]|araw)(?![\p{L}])/iu,
  hour: /(?<![\p{L}])(?:hours?|час\p{L}*|сағат\p{L}*|or[ëe]|oras)(?![\p{L}])/iu,
};

/**
 * How many of `unit` the client's words ask for: "add 5 more pages" is 5 pages. Null when the
 * words count something else, or nothing: then the reply promises an estimate instead of a total.
 */
export function requestedQuantity(words: string, unit: RateUnit): number | null {
  const unitWord = UNIT_WORDS[unit];
  if (!unitWord || !unitWord.test(words)) return null;
  for (const token of words.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (/^\p{N}+$/u.test(token)) {
      const n = Number(token);
      return n > 0 && n <= 1000 ? n : null;
    }
    if (token in NUMBER_WORDS) return NUMBER_WORDS[token]!;
  }
  return null;
}
