import type { DateTime } from 'luxon';
import { FOLLOW_UP_TEXTS } from '../follow-up/texts.js';
import { LOCALE_OF } from '../language.js';
import type { MessageMeta } from '../message.js';
import { greetingFor, hoursInBothZones, oneLine, otherClientZone } from '../reply/greeting.js';
import { fillTemplate, type PlaceholderValues } from '../reply/templates.js';
import type { Client, ReplyLanguage, Settings } from '../settings.js';
import { AGREEMENT_TEXTS, responseTimeWords } from './texts.js';

export interface DraftText {
  subject: string;
  text: string;
}

/**
 * How clients may reach the user in an emergency: the route the user gave for urgent mail
 * (`emergency`, in the client's language when written in it). Without one, the note says nothing.
 */
export function emergencyContact(settings: Settings, language: ReplyLanguage): string | null {
  const e = settings.emergency;
  if (!e) return null;
  return oneLine(e.byLanguage?.[language] ?? e.text) || null;
}

/** A reply's subject: "Re: …" keeps the draft in the client's thread. */
export function replySubject(original: string, fallback: string): string {
  const s = oneLine(original);
  if (!s) return fallback;
  return /^re:/i.test(s) ? s : `Re: ${s}`;
}

/** Closing lines shared by every relationship draft: the language's sign-off and the user's name. */
export const signoff = (language: ReplyLanguage) => `${FOLLOW_UP_TEXTS[language].signoff}\n{userName}`;

/**
 * The short "how I work" note for a new client's first message: working hours in both zones (the
 * after-hours reply's wording), the promised response time, an emergency contact when allowed,
 * and the payment terms. A draft only: the user reads, edits and sends it.
 */
export function firstContactNote(message: MessageMeta, settings: Settings, client: Client | null, language: ReplyLanguage, now: DateTime): DraftText {
  const t = AGREEMENT_TEXTS[language];
  const locale = LOCALE_OF[language];
  const hours = hoursInBothZones(settings, otherClientZone(message, client, settings, now), locale, now);
  const values: Record<string, string> = {
    greeting: greetingFor(language, (message.replyTo[0] ?? message.from)?.name),
    hours: hours.both,
    response: responseTimeWords(language, settings.promisedResponseHours),
    emergency: emergencyContact(settings, language) ?? '',
    paymentTerms: oneLine(settings.paymentTerms ?? '').replace(/\.$/, ''),
    userName: settings.name,
  };
  const body = [
    '{greeting}', '',
    t.firstContactIntro, '',
    t.firstContactHours,
    t.firstContactResponse,
    t.firstContactEmergency,
    t.firstContactPayment, '',
    t.firstContactOutro, '',
    signoff(language),
  ].join('\n');
  return { subject: replySubject(message.subject, t.firstContactSubject), text: fillTemplate(body, values as PlaceholderValues) };
}

/** The note's key line, for "fold" mode: it goes into the first after-hours reply instead. */
export function firstContactKeyLine(settings: Settings, language: ReplyLanguage): string {
  const response = responseTimeWords(language, settings.promisedResponseHours);
  const emergency = emergencyContact(settings, language);
  const line = AGREEMENT_TEXTS[language].firstContactKeyLine.replace('{response}', response);
  return emergency ? `${line} ${AGREEMENT_TEXTS[language].firstContactEmergency.replace('{emergency}', emergency)}` : line;
}
