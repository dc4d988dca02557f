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
