import { negatedBefore, phrases, type PhraseTable } from './phrases.js';
import type { Signal } from './types.js';

/** The client promising to pay ("I'll pay next month", "оплачу", "do të paguaj", "babayaran ko"). */
const TABLE: PhraseTable = {
  en: [
    "(?:i|we)(?:'ll| will| can| shall) (?:\\p{L}+ )?(?:pay|transfer|wire|settle|send (?:the|your|you the) (?:payment|money|rest|balance|deposit))|(?:i'?m|we'?re) going to pay",
    'payment (?:will|should) (?:be|go)(?: \\p{L}+)? (?:made|sent|done|out|through)|(?:invoice|balance|deposit) will be (?:paid|settled)|you(?:\'ll| will) (?:get|receive) (?:the |your )?(?:payment|money)',
  ],
  ru: ['оплачу|оплатим|заплачу|заплатим|переведу (?:деньги|оплату|остаток|предоплату)|переведём|переведем|рассчитаюсь|рассчитаемся|оплата (?:будет|поступит|придёт|придет)|деньги (?:будут|придут|поступят)'],
  kk: ['төлеймін|төлейміз|төлеп беремін|аударамын|аударамыз|ақша (?:түседі|аударылады)|төлем (?:жасалады|болады|түседі)'],
  sq: ["do (?:t[ëe]|ta|t['’]\\p{L}*|ju) paguaj\\p{L}*|pagesa do (?:të )?(?:bëhet|kryhet|dërgohet|vijë)|do (?:t[ëe] )?(?:i |ju )?transferoj\\p{L}*|do t['’]jua (?:paguaj|dërgoj)\\p{L}*"],
  tl: ['magbabayad (?:ako|kami)|babayaran (?:ko|namin|kita)|(?:ipapadala|magpapadala) (?:ko|ako|namin|kami) (?:na )?(?:ng |ang |yung )?bayad|ita-?transfer (?:ko|namin)|babayaran na (?:kita|ko)'],
};

// "I will not pay", "не оплачу": a refusal is not a promise.
const PROMISES = phrases(TABLE, { unless: (text, index, words) => /(?<![\p{L}])(?:not|never)(?![\p{L}])/iu.test(words) || negatedBefore(text, index) });

export function paymentSignal(text: string): Signal | null {
  const found = PROMISES.find(text);
  return found ? { code: 'payment-promise', text: 'Promises a payment', evidence: found.words } : null;
}
