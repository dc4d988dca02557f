import { phrases, type PhraseTable } from './phrases.js';
import type { Signal } from './types.js';

/** "No need for a contract, let's just start" in five languages. */
const REFUSAL: PhraseTable = {
  en: [
    "no need for (?:a|any) (?:contract|agreement|paperwork)|(?:don'?t|do not) need (?:a|any) (?:contract|agreement|paperwork)|no (?:contract|paperwork) (?:needed|necessary|required)",
    "skip the (?:contract|paperwork)|without (?:a|any) (?:contract|written agreement)|forget (?:about )?the contract|we don'?t (?:do|sign) contracts|(?:a )?handshake is enough|contracts? (?:is|are) (?:just )?(?:a formality|unnecessary|overkill)",
  ],
  ru: ['договор не нужен|не нужен (?:никакой )?договор|без (?:всякого )?договора|обойдёмся без договора|обойдемся без договора|не будем (?:ничего )?(?:подписывать|заключать)|договор\\p{L}* (?:— |- )?(?:это )?формальность'],
  kk: ['келісімшарт(?:тың)? (?:керек|қажет) емес|келісімшарт(?:тың)? (?:керегі|қажеті) жоқ|келісімшартсыз|шартсыз-ақ|келісімшартқа қол қоймай-ақ|келісімшарт жасамай-ақ'],
  sq: ["s['’]ka nevojë për kontratë|nuk ka nevojë për kontratë|pa kontratë|nuk na duhet kontratë|nuk kemi nevojë për kontratë|kontrata nuk (?:është e nevojshme|duhet)|le ta lëmë kontratën"],
  tl: ['hindi na kailangan ng kontrata|hindi kailangan ng kontrata|walang kontrata|(?:huwag|wag) na (?:ang|yung|tayong mag-?) ?kontrata|kahit walang kontrata|no need (?:for )?(?:a )?contract'],
};

/** The engagement's own contract named, sent, attached or signed. */
const MENTION: PhraseTable = {
  en: [
    '(?:the|our|your|my|this|a|signed|attached|updated|draft|new|revised) (?:contract|agreement|nda|sow|statement of work)s?|contract\\.pdf|(?:sign|signed|countersign\\p{L}*) (?:the )?(?:contract|agreement)',
  ],
  ru: ['договор(?:а|у|ом|е|ы|ов)?|контракт(?:а|у|ом|е|ы|ов)?|соглашени(?:е|я|ю|ем)'],
  kk: ['келісімшарт\\p{L}*'],
  sq: ['kontrat\\p{L}*|marrëveshj(?:a|en|es|e) (?:e |për )?(?:punës|bashkëpunimit|projektit)'],
  tl: ['kontrata|kasunduan|(?:the|our|your|signed|ang|yung|pirmadong) contract'],
};

/**
 * "The contract for the venue", "договор аренды зала", "договор лизинга машины": a contract the
 * client has with someone else. The other party or the kind of deal (a lease, a loan, insurance)
 * is named right after the word, with or without a preposition, or before it in Kazakh.
 */
const OTHER_PARTY = /^(?:\s+(?:for|with|of|on|для|с|со|на|аренды|для|për|me|e|i|të|sa|ng|para sa|with the)){0,2}\s+(?:the\s+|our\s+|my\s+|a\s+)?(?:venue|hall|caterer|catering|lease|leasing|rent|rental|loan|mortgage|landlord|apartment|flat|office|house|car|supplier|vendor|photographer|band|dj|hotel|insurance|phone|mobile|gym|лизинг\p{L}*|кредит\p{L}*|ипотек\p{L}*|страхов\p{L}*|машин\p{L}*|автомобил\p{L}*|lizing\p{L}*|kredi\p{L}*|sigurim\p{L}*|makin\p{L}*|зал\p{L}*|аренд\p{L}*|площадк\p{L}*|квартир\p{L}*|офис\p{L}*|поставщик\p{L}*|арендодател\p{L}*|кейтеринг\p{L}*|sall\p{L}*|qira\p{L}*|lokal\p{L}*|pronar\p{L}*|banes\p{L}*|zyr\p{L}*|furnizues\p{L}*|upa|renta|bulwagan|lugar|may-?ari|opisina)/iu;
const OTHER_PARTY_BEFORE = /(?:зал\p{L}*|пәтер\p{L}*|кеңсе\p{L}*|ғимарат\p{L}*|жалға\s+алу|жалдау|лизинг\p{L}*|көлік\p{L}*|несие\p{L}*|сақтандыру\p{L}*)\s+(?:\p{L}+\s+)?$/iu;
/**
 * A contract "with" someone other than the reader is someone else's: "the contract with the
 * caterer", "договор с рестораном", "kontratën me restorantin", "мейрамханамен … келісімшарт".
 */
const WITH_SOMEONE_ELSE = /^\s+(?:with\s+(?!you\b|us\b|me\b|u\b)|с\s+(?!вами|тобой)|со\s+|me\s+(?!ju\b|ty\b|ne\b|mua\b)|kay\s+|sa\s+(?!iyo|inyo|amin)|kasama\s+(?:ang|si)\s+)/iu;
const WITH_SOMEONE_ELSE_BEFORE = /(?<!сіз|сен|сізд|сізб|сізбен|сенім)(?:мен|пен|бен)\s+(?:\p{L}+\s+){0,3}$/iu;

const REFUSALS = phrases(REFUSAL);
const MENTIONS = phrases(MENTION, {
  unless: (text, index, words) => {
    const after = text.slice(index + words.length, index + words.length + 40);
    const before = text.slice(Math.max(0, index - 40), index);
    return OTHER_PARTY.test(after) || WITH_SOMEONE_ELSE.test(after) || OTHER_PARTY_BEFORE.test(before) || WITH_SOMEONE_ELSE_BEFORE.test(before);
  },
});

export function contractSignals(text: string): Signal[] {
  const refusal = REFUSALS.find(text);
  if (refusal) return [{ code: 'contract-refusal', text: 'Wants to work without a contract', evidence: refusal.words }];
  const mention = MENTIONS.find(text);
  return mention ? [{ code: 'contract-mention', text: 'Names or sends the contract', evidence: mention.words }] : [];
}
