import { DateTime, Duration } from 'luxon';
import { addWorkingTime, describeWeek } from '../hours/index.js';
import { LOCALE_OF } from '../language.js';
import { LANGUAGE_PACKS } from '../reply/builtin-templates.js';
import { fillTemplate, type PlaceholderValues } from '../reply/templates.js';
import type { Client, ReplyLanguage, Settings } from '../settings.js';
import type { ExpectationParams } from './expectations.js';
import { FOLLOW_UP_TEXTS, type FollowUpTexts } from './texts.js';
import type { ExpectationKind } from './types.js';

export type FollowUpPurpose = 'awaiting' | 'quiet' | 'reappearance' | 'expectationClient' | 'expectationUser';

export interface Agreement {
  title: string;
  dueAt: string | null;
  /** Undated kinds need their own words: a response time or a revision limit has no due date to name. */
  kind?: ExpectationKind;
  params?: ExpectationParams;
}

/** The text for an agreement that is due or late: its kind's own words where the generic ones would not fit. */
function expectationPurpose(purpose: FollowUpPurpose, a: Agreement | null): keyof FollowUpTexts {
  if (purpose !== 'expectationClient' || !a) return purpose;
  if (a.kind === 'response-time' && a.params?.workingDays !== undefined) return 'responseTime';
  if (a.kind === 'revision-limit' && a.params?.limit !== undefined) return (a.params.used ?? 0) > a.params.limit ? 'revisionsOver' : 'revisionsUsed';
  return purpose;
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
    workingDays: a?.params?.workingDays !== undefined ? a.params.workingDays.toLocaleString(locale) : '',
    limit: a?.params?.limit !== undefined ? String(a.params.limit) : '',
    used: a?.params?.used !== undefined ? String(a.params.used) : '',
  };
  const body = `{greeting}\n\n${texts[expectationPurpose(purpose, a)]}\n\n${texts.signoff}\n{userName}`;
  return fillTemplate(body, values as PlaceholderValues);
}
