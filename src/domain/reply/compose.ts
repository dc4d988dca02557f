import { createHash } from 'node:crypto';
import { DateTime, FixedOffsetZone } from 'luxon';
import { addressedTo } from '../etiquette/senders.js';
import { classifyInstant, nextWorkingStart, replyMoment } from '../hours/index.js';
import { cityOf, wordsFor } from '../hours/week-words.js';
import { zoneNamed } from '../hours/zone-clock.js';
import { LOCALE_OF, replyLanguage } from '../language.js';
import type { MessageMeta } from '../message.js';
import type { Client, Settings } from '../settings.js';
import { firstContactKeyLine } from '../agreements/first-contact.js';
import { LANGUAGE_PACKS, type ReplyCategory } from './builtin-templates.js';
import { greetingFor, hoursInBothZones, oneLine, otherClientZone } from './greeting.js';
import { htmlOfText } from './html.js';
import { fillTemplate, selectTemplate, type PlaceholderValues } from './templates.js';
import type { ComposedReply } from './types.js';
import { emergencyRoute, URGENT_NOTE } from './urgent-words.js';


function replySubject(original: string, prefix: string, fallback: string): string {
  const s = oneLine(original);
  if (!s) return fallback;
  const p = prefix.trim();
  // Don't stack prefixes: "Re: Re: Invoice" helps nobody.
  if (!p || s.toLowerCase().startsWith(p.toLowerCase())) return s;
  return `${p} ${s}`;
}

/** RFC 5322 msg-id derived from who answers what, so a retry produces the same id. */
export function replyMessageId(userAddress: string, message: MessageMeta): string {
  const key = message.messageId ?? `${message.provider}:${message.providerMessageId}`;
  const hash = createHash('sha256').update(`${userAddress.toLowerCase()}\n${key}`).digest('hex').slice(0, 32);
  const domain = userAddress.slice(userAddress.lastIndexOf('@') + 1) || 'boundary.invalid';
  return `<boundary.${hash}@${domain}>`;
}

/** "Tuesday 2 December, 09:00 (Tirana time)", or "…, 03:00 (your time)" in the client's zone. */
function formatInstant(at: DateTime, zone: string, locale: string, label: string): string {
  const local = at.setZone(zoneNamed(zone) ?? zone).setLocale(locale);
  return `${local.toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' })}, ${local.toFormat('HH:mm')} ${label}`;
}

function referencesOf(message: MessageMeta): string[] {
  const raw = message.headers['references'] ?? message.headers['in-reply-to'] ?? '';
  const ids: string[] = raw.match(/<[^<>\s]+>/g) ?? [];
  if (message.messageId && !ids.includes(message.messageId)) ids.push(message.messageId);
  return ids;
}

export interface ComposeOptions {
  /** The message reads as urgent (an `urgent` signal): the reply acknowledges it (issue 18). */
  urgent?: boolean;
  /** No reply has gone to this sender before: in firstContact 'fold' mode the reply says how the user works. */
  firstReplyToSender?: boolean;
}

export function composeReply(message: MessageMeta, settings: Settings, client: Client | null, now: DateTime, opts: ComposeOptions = {}): ComposedReply {
  const language = replyLanguage(message, settings, client);
  const locale = LOCALE_OF[language];
  const pack = LANGUAGE_PACKS[language];
  const received = DateTime.fromMillis(Date.parse(message.receivedAt), { zone: FixedOffsetZone.utcInstance });
  const arrived = received.isValid ? received : now;
  const cls = classifyInstant(settings, arrived);
  const category: ReplyCategory = cls.category === 'within-hours' ? 'after-hours' : cls.category;
  // A within-hours compose (a preview of the wording) reads as the plain after-day reply.
  const moment = cls.category === 'within-hours' ? 'after-day' : replyMoment(settings, arrived);

  const userAddress = addressedTo(message, settings) ?? settings.addresses[0];
  if (!userAddress) throw new Error('settings.addresses is empty: a reply needs the user address to send from');
  const recipient = message.replyTo[0] ?? message.from;
  if (!recipient) throw new Error('the message has neither Reply-To nor From, so a reply has no recipient');

  const otherZone = otherClientZone(message, client, settings, now);
  const next = nextWorkingStart(settings, now);
  const hours = hoursInBothZones(settings, otherZone, locale, now);
  // Greet the person the reply goes to; a listed client's name is often a company.
  const senderName = oneLine(recipient.name ?? '');
  const values: PlaceholderValues = {
    greeting: greetingFor(language, senderName),
    clientName: client && settings.clients.includes(client) ? oneLine(client.name) : senderName,
    userName: settings.name,
    workingHours: hours.user,
    workingHoursClient: hours.client,
    workingHoursBoth: hours.both,
    nextReply: next ? formatInstant(next, otherZone ?? settings.timeZone, locale, otherZone ? pack.yourTime : wordsFor(locale).ownZone(cityOf(settings.timeZone, locale))) : '',
    vacationMessage: cls.category === 'vacation' ? (cls.vacation?.message ?? '') : '',
    holidayName: cls.holidayName ?? '',
    subject: oneLine(message.subject),
    userZone: settings.timeZone,
    clientZone: otherZone ?? '',
    howIWork: opts.firstReplyToSender && settings.firstContact.mode === 'fold' ? firstContactKeyLine(settings, language) : '',
  };
  if (opts.urgent) {
    values.urgentNote = values.nextReply ? URGENT_NOTE[language].replace('{nextReply}', values.nextReply) : '';
    values.emergencyRoute = emergencyRoute(settings, client, language);
  }
  const template = selectTemplate(settings, language, category, moment, Boolean(opts.urgent));
  const text = fillTemplate(template.text, values);
  const templateSubject = template.subject ? oneLine(fillTemplate(template.subject, values)) : '';
  const original = message.messageId ?? `<${message.provider}.${message.providerMessageId}@boundary.invalid>`;

  return {
    from: settings.name ? { name: oneLine(settings.name), address: userAddress } : { address: userAddress },
    to: recipient.name ? { name: oneLine(recipient.name), address: recipient.address } : { address: recipient.address },
    subject: templateSubject || replySubject(message.subject, settings.subjectPrefix, pack.fallbackSubject),
    inReplyTo: message.messageId,
    references: referencesOf(message),
    messageId: replyMessageId(userAddress, message),
    headers: {
      'Auto-Submitted': 'auto-replied',
      'X-Auto-Response-Suppress': 'All',
      Precedence: 'bulk',
      'X-Boundary-In-Reply-To': original,
    },
    text,
    html: htmlOfText(text, language),
    language,
  };
}
