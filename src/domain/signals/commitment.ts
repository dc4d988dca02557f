import type { DateTime } from 'luxon';
import { findDates } from '../dates/find-dates.js';
import { sentences } from '../follow-up/suggest.js';
import type { ReplyLanguage } from '../settings.js';
import { PROMISE } from './promise.js';
import type { Signal } from './types.js';

const MAX_EVIDENCE = 200;

/** A dated promise by the sender: "I'll send the feedback by Friday", "төлемді жұмаға дейін жіберемін". */
export function commitmentSignal(text: string, ctx: { receivedAt: DateTime; zone: string; language: ReplyLanguage | null }): Signal | null {
  const received = ctx.receivedAt.setZone(ctx.zone);
  for (const sentence of sentences(text)) {
    if (!PROMISE.test(sentence)) continue;
    // "as I said yesterday" names a date, but not one still to come.
    const date = findDates(sentence, { language: ctx.language, now: received, zone: ctx.zone }).find((d) => d.due >= received);
    if (!date) continue;
    const evidence = sentence.length > MAX_EVIDENCE ? `${sentence.slice(0, MAX_EVIDENCE - 1)}…` : sentence;
    return { code: 'commitment', text: `Promises something by ${date.due.toISODate()} ("${date.text}")`, evidence, date: date.due.toUTC().toISO()! };
  }
  return null;
}
