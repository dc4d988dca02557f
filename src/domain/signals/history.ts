import type { DateTime } from 'luxon';
import { round1, typicalDayHours, workingHoursBetween } from '../follow-up/working-days.js';
import type { Client, Settings } from '../settings.js';
import { phrases, type PhraseTable } from './phrases.js';
import { NEW_WORK_PHRASES } from './scope.js';
import { unansweredBefore } from './repeat.js';
import type { Signal, SignalHistory } from './types.js';

/** "Any update?", "did you get my email?", in five languages. */
const CHASER: PhraseTable = {
  en: [
    "any (?:update|updates|news|progress)|following up|follow(?:ing)? up on|just checking in|checking in again|did you (?:get|see|receive) my (?:email|message|mail|last)|still waiting|(?:haven'?t|have not) heard (?:back|from you)|still no (?:reply|answer|response)|hello\\?{2,}|(?:gentle )?reminder about my (?:email|message)",
  ],
  ru: ['есть (?:какие-?(?:то|нибудь) )?новости|какие новости|напоминаю|(?:вы )?получили (?:моё|мое) письмо|жду (?:вашего )?ответа|вс[её] ещё жду|до сих пор (?:жду|нет ответа)|ответьте,? пожалуйста|когда будет ответ|вы видели (?:моё|мое) сообщение'],
  kk: ['жаңалық бар ма|хабар бар ма|хатымды (?:алдыңыз|алдың|көрдіңіз) ба|әлі (?:де )?жауап күтемін|әлі күтіп отырмын|еске саламын|жауап бересіз бе|не болды\\?'],
  sq: ['ndonjë (?:lajm|përditësim|e re)|a (?:e )?morët (?:emailin|mesazhin)|a (?:e )?more (?:emailin|mesazhin)|ende (?:po )?pres|po pres përgjigje|po ju kujtoj|ju rikujtoj|a keni parë mesazhin'],
  tl: ['may update na ba|any update|natanggap (?:mo|niyo|ninyo) ba|naghihintay pa rin|hinihintay ko pa|follow up lang|nag-?fo-?follow up|ano na po|ano na\\?|wala pa ring sagot'],
};
export const CHASERS = phrases(CHASER);

const sorted = (h: SignalHistory, before: number) =>
  (h.messages ?? []).map((m) => ({ ...m, ms: Date.parse(m.at) })).filter((m) => Number.isFinite(m.ms) && m.ms < before).sort((a, b) => a.ms - b.ms);

export function chaserSignal(text: string, history: SignalHistory, receivedAt: DateTime, threadId?: string): Signal | null {
  const words = CHASERS.find(text);
  if (words) return { code: 'chaser', text: 'Chases for an answer', evidence: words.words };
  const unanswered = unansweredBefore(sorted(history, receivedAt.toMillis()), receivedAt.toMillis(), threadId);
  if (unanswered) {
    return { code: 'chaser', text: 'Writes again before you answered', evidence: `message ${unanswered.length + 1} in a row with no answer from you (first ${new Date(unanswered[0]!.ms).toISOString()})` };
  }
  return null;
}

/** A client writing after a silence at least as long as their own threshold (else the global one). */
export function silentReturnSignal(history: SignalHistory, receivedAt: DateTime, settings: Settings, client: Client | null): Signal | null {
  const at = receivedAt.toMillis();
  const previous = sorted(history, at).pop();
  if (!previous) return null;
  const threshold = client?.silenceThresholdDays ?? settings.silence.quietClientDays;
  const days = workingHoursBetween(settings, previous.ms, at) / typicalDayHours(settings);
  if (days < threshold) return null;
  return { code: 'silent-return', text: `Back after ${round1(days)} working days of silence (threshold ${threshold})`, evidence: `last message ${previous.direction === 'in' ? 'from' : 'to'} them ${previous.at}` };
}

/** New work asked for while an invoice is past due and unpaid. */
export function newWorkWhileUnpaidSignal(text: string, history: SignalHistory, receivedAt: DateTime, asksForMore: boolean): Signal | null {
  const at = receivedAt.toMillis();
  const overdue = (history.invoices ?? []).filter((i) => {
    const due = Date.parse(i.dueAt);
    const paid = i.paidAt ? Date.parse(i.paidAt) : NaN;
    return Number.isFinite(due) && due < at && !(paid <= at);
  });
  if (overdue.length === 0) return null;
  const words = NEW_WORK_PHRASES.find(text)?.words ?? (asksForMore ? 'asks for more work' : null);
  if (!words) return null;
  const names = overdue.map((i) => i.reference ?? `due ${i.dueAt}`).join(', ');
  return { code: 'new-work-while-unpaid', text: `Asks for new work with ${overdue.length} overdue invoice(s): ${names}`, evidence: words };
}
