import { DateTime } from 'luxon';
import { FOLLOW_UP_TEXTS } from '../follow-up/texts.js';
import { LOCALE_OF } from '../language.js';
import { LANGUAGE_PACKS } from '../reply/builtin-templates.js';
import type { ReplyLanguage, Settings } from '../settings.js';
import { CLOSING_TEXTS } from './closing-texts.js';
import type { OpenItem } from './open-items.js';

/**
 * The closing note the user may send when they end a client: a draft in their mailbox, never sent
 * by Boundary. It lists what the user still owes first (obligations are met before leaving), then
 * what the client still owes; with nothing open it says all is settled.
 */
export function closingNote(items: OpenItem[], language: ReplyLanguage, settings: Settings): { subject: string; text: string } {
  const t = CLOSING_TEXTS[language];
  const line = (i: OpenItem) => {
    const date = i.dueAt ? DateTime.fromISO(i.dueAt, { zone: settings.timeZone }).setLocale(LOCALE_OF[language]).toLocaleString({ day: 'numeric', month: 'long', year: 'numeric' }) : '';
    return `- ${i.title.replace(/[\r\n\t]+/g, ' ').trim()}${date ? ` (${t.due.replace('{date}', date)})` : ''}`;
  };
  const mine = items.filter((i) => i.owedBy === 'you').map(line);
  const theirs = items.filter((i) => i.owedBy === 'client').map(line);
  const parts = [LANGUAGE_PACKS[language].greeting.plain, t.opening];
  if (mine.length > 0) parts.push([t.youOwe, ...mine].join('\n'));
  if (theirs.length > 0) parts.push([t.clientOwes, ...theirs].join('\n'));
  if (mine.length + theirs.length === 0) parts.push(t.settled);
  parts.push(t.closing, `${FOLLOW_UP_TEXTS[language].signoff}\n${settings.name}`.trim());
  return { subject: t.subject, text: parts.join('\n\n') };
}
