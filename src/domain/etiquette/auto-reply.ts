import type { MessageMeta } from '../message.js';
import { autoreplyHeader, precedenceAutoReply } from './machine-markers.js';

/**
 * Whether a message is someone else's automatic reply or out-of-office notice. The silence
 * feature uses it so an OOF does not count as the client answering.
 */
const OOF_SUBJECT = new RegExp(
  [
    '^\\s*(automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (the )?office|ooo\\b|away from (the )?office)',
    '^\\s*(abwesend|abwesenheitsnotiz|automatische antwort)', // de
    '^\\s*(réponse automatique|absence)', // fr
    '^\\s*(respuesta automática|fuera de la oficina)', // es
    '^\\s*(автоматический ответ|автоответ|нет на месте)', // ru
    '^\\s*(përgjigje automatike)', // sq
    '^\\s*(automatikong tugon)', // tl
    '^\\s*(автоматты жауап)', // kk
  ].join('|'),
  'i',
);

export function isAutoReplyOrOutOfOffice(meta: MessageMeta): boolean {
  const h = meta.headers;
  const submitted = h['auto-submitted']?.trim().toLowerCase();
  if (submitted !== undefined && submitted.startsWith('auto-replied')) return true;
  if (autoreplyHeader(h) !== null || precedenceAutoReply(h)?.code === 'precedence-auto-reply') return true;
  if (h['x-boundary-in-reply-to'] !== undefined) return true;
  return isAutoReplySubject(meta.subject);
}

/** The subject rule alone, for stored rows that keep no headers. */
export function isAutoReplySubject(subject: string): boolean {
  return OOF_SUBJECT.test(subject);
}
