import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { ReplyLanguage } from '../settings.js';
import type { ExpectationKind } from './types.js';

/**
 * Commitments with a date, found in a message's text: "I'll send the feedback by Friday",
 * "payment next week", "пришлю правки до пятницы". They are proposals for the user to accept,
 * never facts. Dates are read by chrono-node relative to when the message was sent, in the
 * user's zone. chrono has English and Russian parsers; Kazakh and Russian text use the Russian
 * one, everything else the English one (Albanian and Tagalog dates are not understood yet).
 */
export interface SuggestionContext {
  sentAt: string;
  zone: string;
  language: ReplyLanguage | null;
  direction: 'in' | 'out';
}

export interface SuggestedExpectation {
  kind: Extract<ExpectationKind, 'deliverable' | 'payment' | 'free-text'>;
  /** The sentence that states the commitment. */
  title: string;
  /** The words chrono read as the date. */
  dateText: string;
  dueAt: string;
  /** Who made the commitment: the client (an incoming message) or the user (an outgoing one). */
  party: 'client' | 'user';
}

const PAYMENT = /\b(pay|pays|paying|payment|paid|invoice|transfer|wire)\b|(оплат|оплач|плат[её]ж|сч[её]т|перевед|перечисл|төле)/iu;
const DELIVERABLE = /\b(send|sending|feedback|deliver|delivery|draft|files?|revisions?|review|comments|mock-?ups?|designs?|report|proposal|contract|share|approve|approval)\b|(пришл|отправ|вышл|правк|макет|отзыв|комментар|сдам|сдади|подготов|предостав|согласу|жібер)/iu;
const COMMITMENT = /\b(i'?ll|i will|we'?ll|we will|i can|we can|i'?m going to|by|until|before|no later than|due|deadline|expect)\b|(пришлю|отправлю|вышлю|сдам|сделаю|подготовлю|оплачу|переведу|(?<![\p{L}])до(?![\p{L}])|не позднее|срок)/iu;
const WEEK = /\b(week)\b|недел|апта/iu;
const MAX_TITLE = 200;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

function parserFor(sentence: string, language: ReplyLanguage | null): chrono.Chrono {
  if (language === 'ru' || language === 'kk' || /\p{Script=Cyrillic}/u.test(sentence)) return chrono.ru.casual;
  return chrono.en.casual;
}

function dueOf(result: chrono.ParsedResult, zone: string): DateTime {
  const c = result.start;
  if (c.isCertain('hour')) return DateTime.fromJSDate(c.date(), { zone });
  const day = DateTime.fromObject({ year: c.get('year') ?? undefined, month: c.get('month') ?? undefined, day: c.get('day') ?? undefined }, { zone });
  // "next week" names a week, not a day: the commitment holds until that week ends.
  return WEEK.test(result.text) ? day.endOf('week') : day.endOf('day');
}

export function suggestExpectations(text: string, ctx: SuggestionContext): SuggestedExpectation[] {
  const sent = DateTime.fromISO(ctx.sentAt, { zone: ctx.zone });
  if (!sent.isValid) return [];
  const reference = { instant: sent.toJSDate(), timezone: sent.offset };
  const out: SuggestedExpectation[] = [];
  for (const sentence of sentences(text)) {
    const payment = PAYMENT.test(sentence);
    const deliverable = DELIVERABLE.test(sentence);
    if (!payment && !deliverable && !COMMITMENT.test(sentence)) continue;
    const [result] = parserFor(sentence, ctx.language).parse(sentence, reference, { forwardDate: true });
    if (!result) continue;
    const due = dueOf(result, ctx.zone);
    if (!due.isValid || due < sent) continue; // "as I said yesterday" is not a commitment
    out.push({
      kind: payment ? 'payment' : deliverable ? 'deliverable' : 'free-text',
      title: sentence.length > MAX_TITLE ? `${sentence.slice(0, MAX_TITLE - 1)}…` : sentence,
      dateText: result.text,
      dueAt: due.toUTC().toISO()!,
      party: ctx.direction === 'in' ? 'client' : 'user',
    });
  }
  return out;
}
