import type { DateTime } from 'luxon';
import type { FoundDate } from '../dates/find-dates.js';
import { PROMISE } from './promise.js';
import { sentenceOf, type Sentence } from './text.js';
import type { Signal } from './types.js';

const MAX_EVIDENCE = 200;

/** A dated promise by the sender: "I'll send the feedback by Friday", "төлемді жұмаға дейін жіберемін". */
export function commitmentSignal(spans: Sentence[], dates: FoundDate[], receivedAt: DateTime): Signal | null {
  // "as I said yesterday" names a date, but not one still to come.
  for (const date of dates) {
    if (date.due < receivedAt) continue;
    const sentence = sentenceOf(spans, date.index)?.text;
    if (!sentence || !PROMISE.test(sentence)) continue;
    const evidence = sentence.length > MAX_EVIDENCE ? `${sentence.slice(0, MAX_EVIDENCE - 1)}…` : sentence;
    return { code: 'commitment', text: `Promises something by ${date.due.toISODate()} ("${date.text}")`, evidence, date: date.due.toUTC().toISO()! };
  }
  return null;
}
