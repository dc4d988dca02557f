import type { MessageMeta } from '../message.js';
import { greetingFor, oneLine } from '../reply/greeting.js';
import { fillTemplate, type PlaceholderValues } from '../reply/templates.js';
import { negatedBefore, phrases, type PhraseTable } from '../signals/phrases.js';
import { ownText, sentenceSpans } from '../signals/text.js';
import type { ReplyLanguage, Settings } from '../settings.js';
import { replySubject, signoff, type DraftText } from './first-contact.js';
import { AGREEMENT_TEXTS } from './texts.js';

const MAX_DECISION = 300;

/**
 * What was decided, in the client's words: the sentence holding the decision's evidence ("Option
 * B, final decision.") rather than the bare trigger words. It titles the agreement a confirmed
 * recap becomes.
 */
export function decisionSentence(text: string, evidence: string): string {
  const at = text.toLowerCase().indexOf(evidence.toLowerCase());
  const spans = sentenceSpans(text);
  const sentence = (at >= 0 ? spans.find((s) => at >= s.start && at < s.end)?.text : undefined) ?? evidence;
  const one = oneLine(sentence);
  return one.length > MAX_DECISION ? `${one.slice(0, MAX_DECISION - 1)}…` : one;
}

/** "To confirm what we agreed: «…»", for the client to answer "yes, confirmed". A draft only. */
export function recapDraft(message: MessageMeta, decision: string, settings: Settings, language: ReplyLanguage): DraftText {
  const t = AGREEMENT_TEXTS[language];
  const body = ['{greeting}', '', t.recapIntro, '', t.recapQuote, '', t.recapAsk, '', signoff(language)].join('\n');
  const values = { greeting: greetingFor(language, (message.replyTo[0] ?? message.from)?.name), decision, userName: settings.name };
  return { subject: replySubject(message.subject, t.recapSubject), text: fillTemplate(body, values as PlaceholderValues) };
}

/** A client's "yes, confirmed" to a recap, per language (Albanian "po" is Tagalog's politeness "po"). */
const CONFIRM: Record<ReplyLanguage, string> = {
  en: "confirmed|i confirm|confirming|yes|yep|yup|correct|that'?s right|that is right|exactly|agreed|sounds good|all good|perfect|looks right",
  ru: 'подтверждаю|подтверждено|да|верно|всё верно|все верно|правильно|именно так|так и есть|согласен|согласна|согласны|ок|окей',
  kk: 'растаймын|растадым|иә|ия|дұрыс|солай|келісемін|келістік|бәрі дұрыс',
  sq: 'po|konfirmoj|e konfirmoj|konfirmuar|e saktë|saktë|dakord|ashtu është|në rregull',
  tl: 'oo|opo|oo nga|kumpirmado|tama|tama po|sige|ayos',
};
/** "Yes, but…" corrects the recap rather than confirming it. */
const CORRECTION = /(?:^|[^\p{L}])(?:but|except|however|actually|not quite|wait|но|кроме|однако|не совсем|бірақ|алайда|емес|por|përveç|megjithatë|jo|pero|maliban|hindi)(?![\p{L}])/iu;
const none = { en: [], ru: [], kk: [], sq: [], tl: [] } as PhraseTable;
const confirmations = new Map<ReplyLanguage, ReturnType<typeof phrases>>();

/**
 * Whether a reply confirms a recap written in `language`: a confirmation word in that language or
 * English (clients mix them), and no "but" or "not" correcting it. Quoted mail is not read.
 */
export function confirmsRecap(subject: string, body: string, language: ReplyLanguage): boolean {
  const text = ownText({ subject: '', body: body || subject });
  let words = confirmations.get(language);
  if (!words) confirmations.set(language, (words = phrases({ ...none, en: [CONFIRM.en], [language]: [CONFIRM[language]] }, { unless: negatedBefore })));
  return words.find(text) !== null && !CORRECTION.test(text);
}
