import { detectAll } from 'tinyld';
import type { MessageMeta } from './message.js';
import { REPLY_LANGUAGES, type Client, type ReplyLanguage, type Settings } from './settings.js';

/**
 * Which language a reply is written in: the client's setting, else the language the message is
 * written in (when it is one of the five with templates), else the user's default.
 */

const SUPPORTED: ReadonlySet<string> = new Set(REPLY_LANGUAGES);
// tinyld has no Albanian profile, so Albanian is recognised by its letters and commonest words.
const ALBANIAN_WORDS = /(?:^|[\s,.!?])(është|dhe|për|një|faleminderit|përshëndetje|ju|jeni|mund|ditën|mirë|shumë|nëse|nuk|kemi|keni)(?=$|[\s,.!?])/giu;
const TINYLD_LANGUAGES = ['en', 'tl', 'kk', 'ru'];
/** Below this tinyld confidence a short message ("ok thanks") says nothing about its language. */
const MIN_ACCURACY = 0.05;
const MIN_LETTERS = 12;

export function detectLanguage(text: string): ReplyLanguage | null {
  const trimmed = text.trim();
  // One message's subject and snippet are asked about by the signals, the suggestions and the
  // reply, and detection is the costliest step of each: the last answers are kept.
  const known = detected.get(trimmed);
  if (known !== undefined) return known;
  const language = detect(trimmed);
  if (detected.size >= DETECTED_MAX) detected.delete(detected.keys().next().value!);
  detected.set(trimmed, language);
  return language;
}

const detected = new Map<string, ReplyLanguage | null>();
const DETECTED_MAX = 256;

function detect(trimmed: string): ReplyLanguage | null {
  if (trimmed.replace(/[^\p{L}]/gu, '').length < MIN_LETTERS) return null;
  const albanian = trimmed.match(ALBANIAN_WORDS)?.length ?? 0;
  const eLetters = trimmed.match(/[ëç]/giu)?.length ?? 0;
  if (albanian >= 1 && (eLetters >= 1 || albanian >= 3)) return 'sq';
  // Of the five, only Kazakh and Russian are written in Cyrillic; Kazakh has letters Russian lacks.
  const cyrillic = /\p{Script=Cyrillic}/u.test(trimmed);
  if (cyrillic && /[әғқңөұүһі]/iu.test(trimmed)) return 'kk';
  const [best] = detectAll(trimmed, { only: TINYLD_LANGUAGES });
  if (!best || best.accuracy < MIN_ACCURACY) return cyrillic ? 'ru' : null;
  return SUPPORTED.has(best.lang) ? (best.lang as ReplyLanguage) : null;
}

export function replyLanguage(message: MessageMeta, settings: Settings, client: Client | null): ReplyLanguage {
  if (client?.language) return client.language;
  const detected = detectLanguage(`${message.subject}\n${message.snippet ?? ''}`);
  return detected ?? (settings.language as ReplyLanguage);
}

/** BCP 47 locales used to format dates in each reply language (Tagalog dates use Filipino data). */
export const LOCALE_OF: Record<ReplyLanguage, string> = { en: 'en-GB', sq: 'sq', tl: 'fil', kk: 'kk', ru: 'ru' };
