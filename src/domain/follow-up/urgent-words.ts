import type { ReplyLanguage } from '../settings.js';
import { eachMatch } from '../signals/phrases.js';

/**
 * Words that ask for speed, in the five template languages. Matched as whole words (or word
 * stems for the inflected languages), case-insensitively, in the subject and any snippet.
 * `URGENT_WORDS` ask for speed on their own; `SOON_WORDS` only name a near time ("today"), which
 * is urgent wording for a returning client but, for the `urgent` signal, only with a demand
 * ("need it today"; see signals/urgent.ts).
 */
export const URGENT_WORDS: Record<ReplyLanguage, string[]> = {
  en: ['asap', 'urgent', 'urgently', 'immediately', 'right away', 'right now', 'emergency', 'as soon as possible', 'eod', 'top priority', 'time-sensitive', 'time sensitive', 'drop everything'],
  sq: ['urgjent', 'urgjente', 'urgjentisht', 'menjëherë', 'sa më shpejt', 'sa më parë', 'emergjent', 'emergjente', 'pa vonesë'],
  tl: ['agad', 'kaagad', 'agad-agad', 'madalian', 'apurahan', 'asap', 'ngayon na'],
  kk: ['шұғыл', 'шұғыл түрде', 'тез арада', 'тезірек', 'дереу', 'жедел'],
  ru: ['срочно', 'срочный', 'срочная', 'срочное', 'срочную', 'срочного', 'немедленно', 'как можно скорее', 'прямо сейчас', 'безотлагательно', 'asap'],
};

export const SOON_WORDS: Record<ReplyLanguage, string[]> = {
  en: ['today', 'tonight'],
  sq: ['sot', 'shpejt'],
  tl: ['ngayon', 'ngayong araw'],
  kk: ['бүгін', 'қазір'],
  ru: ['сегодня'],
};

const ALL = [...new Set([...Object.values(URGENT_WORDS), ...Object.values(SOON_WORDS)].flat())].sort((a, b) => b.length - a.length);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// \b does not know Cyrillic or ë, so word edges are spelled out with Unicode letter classes.
const PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(${ALL.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');

/** The urgent words found in a text, lower-cased, each once, in order of appearance. */
export function urgentWords(text: string): string[] {
  const found: string[] = [];
  for (const m of eachMatch(PATTERN, text)) {
    const word = (m[1] ?? '').toLowerCase();
    if (!found.includes(word)) found.push(word);
  }
  return found;
}
