import type { ReplyLanguage } from '../settings.js';

/**
 * Words that ask for speed, in the five template languages. Matched as whole words (or word
 * stems for the inflected languages), case-insensitively, in the subject and any snippet.
 */
export const URGENT_WORDS: Record<ReplyLanguage, string[]> = {
  en: ['asap', 'urgent', 'urgently', 'today', 'immediately', 'right away', 'emergency', 'as soon as possible', 'eod', 'tonight'],
  sq: ['urgjent', 'urgjente', 'sot', 'menjëherë', 'sa më shpejt', 'emergjent', 'shpejt'],
  tl: ['ngayon', 'agad', 'kaagad', 'madalian', 'apurahan', 'asap', 'ngayong araw'],
  kk: ['шұғыл', 'бүгін', 'тез арада', 'дереу', 'жедел', 'қазір'],
  ru: ['срочно', 'срочный', 'срочная', 'срочное', 'сегодня', 'немедленно', 'как можно скорее', 'прямо сейчас', 'asap'],
};

const ALL = [...new Set(Object.values(URGENT_WORDS).flat())].sort((a, b) => b.length - a.length);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// \b does not know Cyrillic or ë, so word edges are spelled out with Unicode letter classes.
const PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])(${ALL.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');

/** The urgent words found in a text, lower-cased, each once, in order of appearance. */
export function urgentWords(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(PATTERN)) {
    const word = (m[1] ?? '').toLowerCase();
    if (!found.includes(word)) found.push(word);
  }
  return found;
}
