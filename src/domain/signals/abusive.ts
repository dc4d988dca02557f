import { phrases, type PhraseTable } from './phrases.js';
import type { Signal } from './types.js';

/**
 * Insults aimed at the reader, threats and open contempt. Tuned for precision: a false alarm
 * costs more than a miss, so a rude word counts only when it is aimed at "you" ("you idiot",
 * "ты идиот", "tanga ka"); self-mockery ("I'm such an idiot") and figures of speech ("this is
 * killing me") never fire.
 */
const INSULT_EN = '(?:idiot|moron|imbecile|incompetent|useless|clown|fraud|amateur|loser|retard|scammer|liar|joke|disgrace)';
const TABLE: PhraseTable = {
  en: [
    `you(?:'re| are)? (?:an? )?(?:\\p{L}+ )?${INSULT_EN}s?`,
    `you(?:'re| are) (?:so |such an? |completely |totally )?(?:stupid|pathetic|worthless|hopeless|brainless|clueless)`,
    'fuck you|f\\*+ you|screw you|go to hell|shut up|piece of shit|piece of crap|stupid bitch',
    "(?:i'?ll|i will|i'?m going to) (?:destroy|ruin|sue the hell out of|make you pay|end) (?:you|your (?:career|business|reputation|life))",
    "you(?:'ll| will) regret (?:this|it)|i know where you live|watch your back|you(?:'ll| will) pay for this",
    'your (?:work|design|code|site|website) is (?:garbage|trash|crap|shit|a joke|a disgrace)',
  ],
  ru: [
    '(?:ты|вы)(?: просто| полный| полная| полное| конченый| конченая| жалкий| жалкая)? (?:идиот\\p{L}*|дебил\\p{L}*|кретин\\p{L}*|тупица|тупой|тупая|бездар\\p{L}*|ничтожеств\\p{L}*|мошенни\\p{L}*|дура|дурак|придурок|урод\\p{L}*|клоун|лжец|неуч)',
    'какой же (?:ты|вы) (?:идиот|дебил|тупой|бездарь)',
    '(?:вы|ты) (?:об этом )?(?:пожалеете|пожалеешь)|я (?:вас|тебя) (?:уничтожу|урою|засужу|раздавлю)',
    '(?:испорчу|уничтожу) (?:вам|тебе) репутацию|я знаю,? где (?:ты живёшь|ты живешь|вы живёте|вы живете)',
    'заткнись|пошёл ты|пошел ты|пошли вы|иди ты на',
    'ваша работа (?:—|-)? ?(?:мусор|дерьмо|позор)',
  ],
  kk: [
    '(?:сен|сіз)(?: нағыз)? (?:ақымақ\\p{L}*|миғұла\\p{L}*|оңбаған\\p{L}*|малғұн\\p{L}*|топас\\p{L}*|алаяқ\\p{L}*|түкке тұрғысыз\\p{L}*)',
    'ақымақсың|ақымақсыз|миғұласың|оңбағансың|топассың|түкке тұрғысызсыз|түкке тұрғысызсың',
    'өкінесің|өкінесіз|(?:сені|сізді) (?:құртамын|жоямын|сотқа беремін)|беделіңді түсіремін|беделіңізді түсіремін',
    'аузыңды жап|жоғал әрі',
  ],
  sq: [
    '(?:ti je|je|jeni|ju jeni)(?: një)? (?:idiot\\p{L}*|budalla\\p{L}*|i paaftë|e paaftë|të paaftë|mashtrues\\p{L}*|injorant\\p{L}*|kretin\\p{L}*|debil\\p{L}*|gënjeshtar\\p{L}*)',
    'do të pendohesh|do të pendoheni|do (?:t[ëe] )?(?:të|ju|ta) shkatërroj|do (?:të|ju) shkatërroj',
    'mbyll gojën|qij\\p{L}*|shko në djall',
    'puna (?:jote|juaj) është (?:pleh|mbeturinë|turp|zero)',
  ],
  tl: [
    '(?:tanga|bobo|gago|gaga|inutil|ulol|tarantado|walang silbi|walang kwenta|sinungaling|manloloko) ka',
    '(?:ang|napaka)(?:ng)? ?(?:tanga|bobo|gago|inutil|walang kwenta) (?:mo|niyo|ninyo)',
    'tangina mo|tang ina mo|putang ina mo|putangina mo|putang ina niyo',
    'pagsisisihan mo|pagsisisihan niyo|pagsisisihan ninyo|sisirain ko (?:ang )?(?:pangalan|reputasyon|negosyo) mo|lagot ka sa akin|tumahimik ka',
  ],
};

const ABUSE = phrases(TABLE);

export function abusiveSignal(text: string): Signal | null {
  const found = ABUSE.find(text);
  return found ? { code: 'abusive', text: 'Insulting, threatening or contemptuous wording', evidence: found.words } : null;
}
