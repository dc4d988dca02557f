import { DateTime } from 'luxon';
import { findDates } from '../dates/find-dates.js';
import type { ReplyLanguage } from '../settings.js';
import type { ExpectationKind } from './types.js';

/**
 * Commitments with a date, found in a message's text: "I'll send the feedback by Friday",
 * "payment next week", "пришлю правки до пятницы". They are proposals for the user to accept,
 * never facts. Dates are read relative to when the message was sent, in the user's zone, in all
 * five reply languages (dates/find-dates.ts).
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

const PAYMENT = /\b(pay|pays|paying|payment|paid|invoice|transfer|wire)\b|(оплат|оплач|плат[её]ж|сч[её]т|перевед|перечисл|төле|төлем|шот|pages[ëe]|pagu|fatur|bayad|magbabayad|babayaran|invoice)/iu;
const DELIVERABLE = /\b(send|sending|feedback|deliver|delivery|draft|files?|revisions?|review|comments|mock-?ups?|designs?|report|proposal|contract|share|approve|approval)\b|(пришл|отправ|вышл|правк|макет|отзыв|комментар|сдам|сдади|подготов|предостав|согласу|жібер|дайында|тапсыр|d[ëe]rgo|d[ëe]rgoj|kontrat|projekt|dizajn|ipapadala|ipadala|magpapadala|isusumite|ibibigay)/iu;
const COMMITMENT = /\b(i'?ll|i will|we'?ll|we will|i can|we can|i'?m going to|by|until|before|no later than|due|deadline|expect)\b|(пришлю|отправлю|вышлю|сдам|сделаю|подготовлю|оплачу|переведу|(?<![\p{L}])до(?![\p{L}])|не позднее|срок|дейін|беремін|жасаймын|do t[ëe]|deri|afat|brenda|hanggang|bago|sa loob ng|gagawin|tatapusin)/iu;
const MAX_TITLE = 200;

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

export function suggestExpectations(text: string, ctx: SuggestionContext): SuggestedExpectation[] {
  const sent = DateTime.fromISO(ctx.sentAt, { zone: ctx.zone });
  if (!sent.isValid) return [];
  const out: SuggestedExpectation[] = [];
  for (const sentence of sentences(text)) {
    const payment = PAYMENT.test(sentence);
    const deliverable = DELIVERABLE.test(sentence);
    if (!payment && !deliverable && !COMMITMENT.test(sentence)) continue;
    const [date] = findDates(sentence, { language: ctx.language, now: sent, zone: ctx.zone });
    if (!date) continue;
    const due = date.due;
    if (!due.isValid || due < sent) continue; // "as I said yesterday" is not a commitment
    out.push({
      kind: payment ? 'payment' : deliverable ? 'deliverable' : 'free-text',
      title: sentence.length > MAX_TITLE ? `${sentence.slice(0, MAX_TITLE - 1)}…` : sentence,
      dateText: date.text,
      dueAt: due.toUTC().toISO()!,
      party: ctx.direction === 'in' ? 'client' : 'user',
    });
  }
  return out;
}
