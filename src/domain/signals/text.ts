import type { SignalMessage } from './types.js';

/**
 * What the sender wrote in this message: the subject and the body above any quoted earlier mail.
 * Quoted text is the user's own words or an older message, and must not raise signals again.
 */
const QUOTE_START = [
  /^>/,
  /^On .{4,200} wrote:$/i,
  /^-{2,}\s*(?:Original Message|Forwarded message|Исходное сообщение|Пересылаемое сообщение)/i,
  /^(?:From|От|Nga|Mula kay|Кімнен):\s/i,
  /^.{4,200}(?:пишет|написал|написала|shkroi|ay sumulat|жазды):$/i,
];

export function ownBody(body: string): string {
  const lines = body.split(/\r?\n/);
  const cut = lines.findIndex((l) => QUOTE_START.some((re) => re.test(l.trim())));
  return (cut === -1 ? lines : lines.slice(0, cut)).join('\n').trim();
}

export function ownText(message: Pick<SignalMessage, 'subject' | 'body'>): string {
  const subject = message.subject.replace(/^(?:(?:re|fwd?|aw|sv|ответ|отв|пересл)\s*:\s*)+/iu, '').trim();
  return subject ? `${subject}.\n${ownBody(message.body)}` : ownBody(message.body);
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** Sentences with their place in the text, so a date found in the whole text knows its sentence. */
export function sentenceSpans(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const s = text.slice(start, end).replace(/\s+/g, ' ').trim();
    if (s) out.push({ start, end, text: s });
  };
  for (const m of text.matchAll(/(?<=[.!?…])\s+|\n+/gu)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(text.length);
  return out;
}

export const sentenceOf = (spans: Sentence[], index: number) => spans.find((s) => index >= s.start && index < s.end);
