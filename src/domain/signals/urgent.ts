import type { DateTime } from 'luxon';
import type { FoundDate } from '../dates/find-dates.js';
import { SOON_WORDS, URGENT_WORDS } from '../follow-up/urgent-words.js';
import type { HeaderMap } from '../message.js';
import { negated, phrases, type PhraseTable } from './phrases.js';
import { PROMISE } from './promise.js';
import { sentenceOf, type Sentence } from './text.js';
import type { Signal } from './types.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const table = (words: PhraseTable): PhraseTable =>
  Object.fromEntries(Object.entries(words).map(([k, list]) => [k, list.map(escape)])) as PhraseTable;

// "urgent care", "emergency contact": the word names a thing, not a request.
const NAMES_A_THING = /^\s*(?:care|clinic|centre|center|contact|contacts|exit|number|fund|kit|room|services?)(?![\p{L}])/iu;
const STRONG = phrases(table(URGENT_WORDS), { unless: (t, i, w) => negated(t, i, w) || NAMES_A_THING.test(t.slice(i + w.length, i + w.length + 12)) });

/** A demand on the reader; a near time only counts with one ("I need it today"). */
const DEMAND = new RegExp(
  [
    "need|needs|needed|must|have to|has to|deadline|due|by|no later than|latest|required",
    'нужн\\p{L}*|надо|необходимо|должн\\p{L}*|дедлайн|срок|до|к|не позднее',
    'керек|қажет|дейін|тиіс|мерзім\\p{L}*|дедлайн',
    'duhet|nevojë|nevojitet|afat\\p{L}*|deri|jo më vonë|patjetër',
    'kailangan|dapat|deadline|bago|hanggang',
  ].map((s) => `(?<![\\p{L}])(?:${s})(?![\\p{L}])`).join('|'),
  'iu',
);
const SOON = phrases(table(SOON_WORDS), { unless: negated });
/** Shouted near times ("Fix it NOW"): capitals are the demand. */
const SHOUTED = /(?<![\p{L}])(?:NOW|TODAY|ASAP|СЕЙЧАС|СЕГОДНЯ|СРОЧНО|SOT|MENJËHERË|NGAYON|ҚАЗІР|БҮГІН)(?![\p{L}])/u;

function fromHeaders(h: HeaderMap): string | null {
  // RFC 2156 Importance, X-Priority (1 highest … 5), RFC 2156 Priority.
  if (/^\s*high/i.test(h.importance ?? '')) return `Importance: ${h.importance}`;
  if (/^\s*[12](?!\d)/.test(h['x-priority'] ?? '')) return `X-Priority: ${h['x-priority']}`;
  if (/^\s*urgent/i.test(h.priority ?? '')) return `Priority: ${h.priority}`;
  return null;
}

export function urgentSignal(text: string, headers: HeaderMap, spans: Sentence[], dates: FoundDate[], receivedAt: DateTime): Signal | null {
  const strong = STRONG.find(text);
  if (strong) return { code: 'urgent', text: 'Asks for speed', evidence: strong.words };
  const shouted = SHOUTED.exec(text);
  if (shouted) return { code: 'urgent', text: 'Asks for speed', evidence: shouted[0] };
  const header = fromHeaders(headers);
  if (header) return { code: 'urgent', text: 'Marked high priority by the sender', evidence: header };
  const demands = (sentence: string) => DEMAND.test(sentence) && !PROMISE.test(sentence);
  for (const { text: sentence } of spans) {
    const soon = SOON.find(sentence);
    if (soon && demands(sentence)) return { code: 'urgent', text: 'Wants it today', evidence: sentence.length > 160 ? soon.words : sentence };
  }
  // A deadline today or tomorrow (in the user's zone), set as a demand.
  if (dates.length === 0) return null;
  const lastDay = receivedAt.plus({ days: 1 }).endOf('day');
  for (const date of dates) {
    if (date.due < receivedAt || date.due > lastDay) continue;
    const sentence = sentenceOf(spans, date.index)?.text;
    if (sentence && demands(sentence)) return { code: 'urgent', text: `Deadline within a day (${date.text})`, evidence: sentence.length > 160 ? date.text : sentence, date: date.due.toUTC().toISO()! };
  }
  return null;
}
