import { negated, phrases, type PhraseTable } from './phrases.js';
import type { Signal } from './types.js';

/** Work units that scope is counted in. */
const UNIT_EN = '(?:pages?|sections?|screens?|features?|banners?|logos?|versions?|languages?|posts?|videos?|illustrations?|products?|landing pages?|slides?|variants?)';
const NUM_EN = '(?:\\p{N}+|one|two|three|four|five|six|ten|a few|a couple of|some)';

/** Requests beyond the agreed work ("add 5 more pages", "можно ещё", "edhe një faqe"). */
const SCOPE: PhraseTable = {
  en: [
    `${NUM_EN} (?:more|extra|additional) ${UNIT_EN}|(?:one|an?) (?:more|extra|additional|other) ${UNIT_EN}|another ${UNIT_EN}`,
    '(?:can|could|would) you also (?:add|make|do|design|build|create|include|write|translate|set up)|while you\'?re at it',
    'small (?:change|addition|extra|tweak|thing to add)|quick (?:addition|extra)|same (?:price|budget|fee)|within the same budget',
    'also add|add (?:a|an) (?:new )?(?:page|section|feature|blog|shop|store)|shouldn\'?t take long',
  ],
  ru: [
    'ещё (?:одну|один|одна|одно|пару|\\p{N}+) (?:страниц\\p{L}*|раздел\\p{L}*|баннер\\p{L}*|экран\\p{L}*|вариант\\p{L}*|функци\\p{L}*|логотип\\p{L}*|пост\\p{L}*|слайд\\p{L}*)',
    'добавьте ещё|добавить ещё|заодно|небольшое изменение|небольшую доработку|небольшая доработка|а можно ещё|можно ещё',
    'дополнительн\\p{L}* (?:страниц\\p{L}*|раздел\\p{L}*|функци\\p{L}*|баннер\\p{L}*)|за ту же (?:цену|сумму|стоимость)|в рамках того же бюджета',
  ],
  kk: [
    'тағы (?:бір|екі|үш|бес|\\p{N}+) (?:бет\\p{L}*|бөлім\\p{L}*|баннер\\p{L}*|нұсқа\\p{L}*|функция\\p{L}*|логотип\\p{L}*|слайд\\p{L}*)',
    'қосымша (?:бет\\p{L}*|бөлім\\p{L}*|функция\\p{L}*|баннер\\p{L}*)|қосып беріңіз(?:ші)?|қосып жіберіңіз(?:ші)?|сол бағамен|сол бағаға|сол бағада|кішкене өзгеріс|шағын өзгеріс',
  ],
  sq: [
    'edhe (?:një|dy|tre|katër|pesë|\\p{N}+) (?:faqe|seksion\\p{L}*|banner\\p{L}*|logo|version\\p{L}*|funksion\\p{L}*|postim\\p{L}*)',
    'shtoni edhe|të shtoni edhe|shto edhe|një ndryshim i vogël|një ndryshim të vogël|ndryshim të vogël|me të njëjtin çmim|me të njëjtën pagesë',
    'faqe shtesë|funksion shtesë|seksion shtesë|gjithashtu mund të (?:bëni|shtoni|krijoni|përktheni)',
  ],
  tl: [
    'isa pang (?:pahina|page|seksyon|section|banner|logo|bersyon|version|feature)|(?:\\p{N}+|dalawang|tatlong|limang) (?:pang|pa) (?:pahina|page|banner|seksyon)',
    'dagdag na (?:pahina|page|seksyon|feature|banner)|dagdagan (?:mo|niyo|ninyo) (?:ng|pa)|(?:pwede|puwede) (?:mo|niyo|ninyo) (?:rin|ring|na rin) (?:bang? )?(?:gawin|idagdag|gawan|dagdagan)',
    'maliit na pagbabago|maliit na dagdag|parehong presyo|sa parehong bayad|same price',
  ],
};

/** A round of changes to delivered work ("please revise", "внесите правки", "paki-revise"). */
const REVISION: PhraseTable = {
  en: [
    'please (?:revise|change|fix|adjust|tweak|redo|rework|update the)|(?:can|could) you (?:change|fix|adjust|tweak|redo|rework|revise|swap|move|make the)',
    'make (?:the|it) (?:\\p{L}+ )?(?:bigger|smaller|darker|lighter|bolder|brighter|shorter|longer)|change the (?:colou?rs?|font|logo|headline|text|image|photo|wording|layout)',
    'another round of (?:revisions|edits|changes)|round of (?:revisions|edits|changes)|a few (?:edits|revisions|corrections)|some (?:edits|revisions|corrections)',
  ],
  ru: [
    'внесите правки|внести правки|правки|поправьте|исправьте|переделайте|измените|поменяйте|доработайте|круг правок|подправьте|сделайте (?:\\p{L}+ )?(?:крупнее|мельче|темнее|светлее)',
  ],
  kk: ['(?:түзетіңіз|түзетіп беріңіз|өзгертіңіз|өзгертіп беріңіз|ауыстырыңыз|қайта жасаңыз|қайта істеңіз)(?:ші)?|түзетулер'],
  sq: ['ndryshoni|ndryshojeni|korrigjoni|rregulloni|rishikim\\p{L}*|ribëni|bëjeni më (?:\\p{L}+)|ndryshime(?: në)?|ndrysho ngjyr\\p{L}*'],
  tl: ['paki-?revise|pakibago|pakipalitan|pakiayos|paki-?edit|baguhin|palitan (?:ang|mo|niyo)|ayusin (?:ang|mo|niyo)|revision|i-?revise|gawing mas'],
};

/** Asking for work beyond the current job: a new project, another task. */
const NEW_WORK: PhraseTable = {
  en: ["(?:a|the|our) (?:new|next|another|second) (?:\\p{L}+ )?(?:project|job|website|site|campaign|task|gig|assignment|logo|page|shop|app)|can you start on|could you start on|start (?:on )?the new|new brief"],
  ru: ['нов\\p{L}* (?:проект\\p{L}*|задач\\p{L}*|заказ\\p{L}*|сайт\\p{L}*)|следующ\\p{L}* (?:проект\\p{L}*|заказ\\p{L}*)|начать (?:новый|следующий)|возьмётесь|возьметесь'],
  kk: ['жаңа (?:жоба\\p{L}*|тапсырма\\p{L}*|тапсырыс\\p{L}*|сайт\\p{L}*)|келесі жоба\\p{L}*'],
  sq: ['(?:projekt|punë|detyr)\\p{L}* (?:i |e )?(?:ri|re|tjetër|radhës)|një projekt të ri|porosi të re'],
  tl: ['(?:bagong|susunod na|isa pang) (?:proyekto|project|trabaho|task|website|gawain)'],
};

const SCOPE_PHRASES = phrases(SCOPE, { unless: negated });
const REVISION_PHRASES = phrases(REVISION, { unless: negated });
export const NEW_WORK_PHRASES = phrases(NEW_WORK, { unless: negated });

export function scopeSignal(text: string): Signal | null {
  const found = SCOPE_PHRASES.find(text);
  return found ? { code: 'scope-change', text: 'Asks for more than the agreed work: say what it costs first', evidence: found.words } : null;
}

export function revisionSignal(text: string): Signal | null {
  const found = REVISION_PHRASES.find(text);
  return found ? { code: 'revision-request', text: 'Asks for a round of changes', evidence: found.words } : null;
}
