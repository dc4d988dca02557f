import { DateTime, Duration } from 'luxon';
import { addWorkingTime, describeWeek } from '../hours/index.js';
import { LOCALE_OF } from '../language.js';
import { LANGUAGE_PACKS } from '../reply/builtin-templates.js';
import { fillTemplate, type PlaceholderValues } from '../reply/templates.js';
import type { Client, ReplyLanguage, Settings } from '../settings.js';
import { FOLLOW_UP_TEXTS, type FollowUpTexts } from './texts.js';

export type FollowUpPurpose = 'awaiting' | 'quiet' | 'reappearance' | 'expectationClient' | 'expectationUser';

export interface Agreement {
  title: string;
  dueAt: string | null;
}

export interface FollowUpFacts {
  subject?: string;
  sentAt?: string;
  /** What was agreed with the client, restated in the follow-up when there is something. */
  agreement?: Agreement | null;
}

/** The client's language when set, else the user's. Stored rows keep no body to detect it from. */
export function clientLanguage(client: Client | null | undefined, settings: Settings): ReplyLanguage {
  return client?.language ?? settings.language;
}

function day(iso: string, settings: Settings, language: ReplyLanguage): string {
  return DateTime.fromISO(iso, { zone: settings.timeZone }).setLocale(LOCALE_OF[language]).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' });
}

const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

/**
 * A polite follow-up the user can copy and send. It is only ever a suggestion: Boundary never
 * sends it. Same placeholder machinery as the auto-replies (`fillTemplate`).
 */
export function followUpText(purpose: FollowUpPurpose, language: ReplyLanguage, settings: Settings, facts: FollowUpFacts, now: DateTime): string {
  const texts: FollowUpTexts = FOLLOW_UP_TEXTS[language];
  const locale = LOCALE_OF[language];
  const a = facts.agreement ?? null;
  const dueDate = a?.dueAt ? day(a.dueAt, settings, language) : '';
  const base: Record<string, string> = { title: a ? oneLine(a.title) : '', dueDate };
  const agreement = a ? fillTemplate(a.dueAt ? texts.agreementDated : texts.agreement, base as PlaceholderValues) : '';
  let answerBy = '';
  if (purpose === 'reappearance') {
    try {
      const at = addWorkingTime(settings, now, Duration.fromObject({ hours: settings.promisedResponseHours }));
      answerBy = at.setZone(settings.timeZone).setLocale(locale).toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
    } catch {
      answerBy = ''; // a schedule with no working time: the line is left out
    }
  }
  const values: Record<string, string> = {
    ...base,
    greeting: LANGUAGE_PACKS[language].greeting.plain,
    subject: oneLine(facts.subject ?? ''),
    sentDate: facts.sentAt ? day(facts.sentAt, settings, language) : '',
    agreement,
    workingHours: describeWeek(settings, { locale, at: now }),
    answerBy,
    userName: settings.name,
  };
  const body = `{greeting}\n\n${texts[purpose]}\n\n${texts.signoff}\n{userName}`;
  return fillTemplate(body, values as PlaceholderValues);
}
