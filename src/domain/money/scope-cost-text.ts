import type { ReplyLanguage } from '../settings.js';
import { requestedQuantity } from './quantity.js';
import type { RateUnit, Scope } from './types.js';
import { letter, money } from './words.js';

export interface ScopeCostFacts {
  /** 'extra-work': more than the agreed deliverables; 'revision': a round beyond the included ones. */
  kind: 'extra-work' | 'revision';
  /** The client's own words that asked for it. */
  evidence: string;
  scope: Scope | null;
  /** Revision requests: the round this message makes. */
  round: number | null;
  clientName: string | null;
  userName: string;
}

interface Words {
  quoted: string;
  deliverables: string;
  rate: string;
  unit: string;
  n: number;
  k: number;
  qty: number;
  total: string;
}

interface LanguageText {
  quote: (s: string) => string;
  units: Record<RateUnit, string>;
  extra: (w: Words) => string;
  revision: (w: Words) => string;
  priced: (w: Words) => string;
  rated: (w: Words) => string;
  estimate: string;
  time: string;
  confirm: string;
}

const TEXTS: Record<ReplyLanguage, LanguageText> = {
  en: {
    quote: (s) => `“${s}”`,
    units: { hour: 'hour', day: 'day', page: 'page', round: 'revision round', project: 'project' },
    extra: (w) => `Thank you for the request (${w.quoted}). It is outside the scope we agreed${w.deliverables ? ` (${w.deliverables})` : ''}, so before I start I would like to confirm what it costs.`,
    revision: (w) => `Thank you for the feedback (${w.quoted}). This would be revision round ${w.n}, and our agreement includes ${w.k}, so this round is outside the agreed scope.`,
    priced: (w) => `At my rate of ${w.rate} per ${w.unit}: ${w.qty} × ${w.rate} = ${w.total}.`,
    rated: (w) => `My rate for additional work is ${w.rate} per ${w.unit}; I will tell you how much it takes before I start.`,
    estimate: 'I will send you an estimate of the time and the cost before I start.',
    time: 'It also adds time to the schedule; I will confirm the new delivery date with the estimate.',
    confirm: 'Please confirm that you would like me to go ahead on these terms, and I will plan it in. The agreed work continues as planned meanwhile.',
  },
  ru: {
    quote: (s) => `«${s}»`,
    units: { hour: 'час', day: 'день', page: 'страницу', round: 'круг правок', project: 'проект' },
    extra: (w) => `Спасибо за запрос (${w.quoted}). Это выходит за рамки согласованного объёма работ${w.deliverables ? ` (${w.deliverables})` : ''}, поэтому, прежде чем начать, я хочу согласовать стоимость.`,
    revision: (w) => `Спасибо за отзыв (${w.quoted}). Это будет ${w.n}-й круг правок, а наше соглашение включает ${w.k}, поэтому этот круг выходит за рамки договорённости.`,
    priced: (w) => `По моей ставке ${w.rate} за ${w.unit}: ${w.qty} × ${w.rate} = ${w.total}.`,
    rated: (w) => `Моя ставка за дополнительную работу — ${w.rate} за ${w.unit}; объём я оценю и сообщу до начала работы.`,
    estimate: 'До начала работы я пришлю оценку сроков и стоимости.',
    time: 'Это также добавит время к графику; новый срок сдачи я назову вместе с оценкой.',
    confirm: 'Подтвердите, пожалуйста, что вы согласны на эти условия, и я включу это в план. Согласованная работа тем временем идёт по плану.',
  },
  kk: {
    quote: (s) => `«${s}»`,
    units: { hour: 'сағат', day: 'күн', page: 'бет', round: 'түзету кезеңі', project: 'жоба' },
    extra: (w) => `Сұранысыңызға рақмет (${w.quoted}). Бұл келісілген жұмыс көлемінен тыс${w.deliverables ? ` (${w.deliverables})` : ''}, сондықтан бастамас бұрын құнын келіскім келеді.`,
    revision: (w) => `Пікіріңізге рақмет (${w.quoted}). Бұл ${w.n}-ші түзету кезеңі болады, ал келісімімізде ${w.k} кезең қарастырылған, сондықтан бұл кезең келісімнен тыс.`,
    priced: (w) => `Менің мөлшерлемем — әр ${w.unit} үшін ${w.rate}: ${w.qty} × ${w.rate} = ${w.total}.`,
    rated: (w) => `Қосымша жұмысқа мөлшерлемем — әр ${w.unit} үшін ${w.rate}; көлемін бастамас бұрын бағалап, хабарлаймын.`,
    estimate: 'Бастамас бұрын мерзімі мен құнының бағасын жіберемін.',
    time: 'Бұл кестеге де уақыт қосады; жаңа тапсыру мерзімін бағамен бірге айтамын.',
    confirm: 'Осы шарттармен келісетініңізді растасаңыз, оны жоспарға қосамын. Келісілген жұмыс әзірге жоспар бойынша жалғасады.',
  },
  sq: {
    quote: (s) => `„${s}“`,
    units: { hour: 'orë', day: 'ditë', page: 'faqe', round: 'raund rishikimesh', project: 'projekt' },
    extra: (w) => `Faleminderit për kërkesën (${w.quoted}). Kjo është jashtë punës për të cilën ramë dakord${w.deliverables ? ` (${w.deliverables})` : ''}, prandaj para se të filloj dua ta konfirmojmë koston.`,
    revision: (w) => `Faleminderit për komentet (${w.quoted}). Ky do të ishte raundi i ${w.n}-të i rishikimeve, ndërsa marrëveshja jonë përfshin ${w.k}, prandaj ky raund është jashtë marrëveshjes.`,
    priced: (w) => `Me tarifën time prej ${w.rate} për ${w.unit}: ${w.qty} × ${w.rate} = ${w.total}.`,
    rated: (w) => `Tarifa ime për punë shtesë është ${w.rate} për ${w.unit}; do ta vlerësoj sasinë dhe do t'jua tregoj para se të filloj.`,
    estimate: "Para se të filloj, do t'ju dërgoj një vlerësim të kohës dhe të kostos.",
    time: 'Kjo shton edhe kohë në grafik; afatin e ri të dorëzimit do ta konfirmoj bashkë me vlerësimin.',
    confirm: 'Ju lutem konfirmoni nëse doni të vazhdoj me këto kushte, dhe do ta planifikoj. Ndërkohë puna e rënë dakord vazhdon sipas planit.',
  },
  tl: {
    quote: (s) => `“${s}”`,
    units: { hour: 'oras', day: 'araw', page: 'pahina', round: 'round ng rebisyon', project: 'proyekto' },
    extra: (w) => `Salamat po sa kahilingan (${w.quoted}). Labas po ito sa napagkasunduang saklaw ng trabaho${w.deliverables ? ` (${w.deliverables})` : ''}, kaya gusto ko munang kumpirmahin ang halaga bago magsimula.`,
    revision: (w) => `Salamat po sa feedback (${w.quoted}). Ito na po ang ika-${w.n} na round ng rebisyon, at ${w.k} lang ang kasama sa ating kasunduan, kaya labas na po ito sa napagkasunduan.`,
    priced: (w) => `Sa aking rate na ${w.rate} bawat ${w.unit}: ${w.qty} × ${w.rate} = ${w.total}.`,
    rated: (w) => `Ang aking rate para sa dagdag na trabaho ay ${w.rate} bawat ${w.unit}; tatantyahin ko kung gaano karami ito at ipapaalam bago magsimula.`,
    estimate: 'Magpapadala po ako ng tantya ng oras at halaga bago magsimula.',
    time: 'Madadagdagan din po nito ang oras sa iskedyul; kukumpirmahin ko ang bagong petsa ng paghahatid kasama ng tantya.',
    confirm: 'Pakikumpirma po kung nais ninyong ituloy ko ito sa mga kondisyong ito, at isasama ko ito sa plano. Tuloy pa rin ang napagkasunduang trabaho.',
  },
};

const QUOTE_MAX = 80;

/**
 * What the change costs, in the client's language, before any work is done. It states only what
 * is known: the rate, and a total when the request counts the very unit the rate is per
 * ("5 more pages" at a per-page rate); otherwise it promises an estimate and asks to confirm.
 */
export function scopeCostText(f: ScopeCostFacts, language: ReplyLanguage): string {
  const t = TEXTS[language];
  const scope = f.scope;
  const evidence = f.evidence.length > QUOTE_MAX ? `${f.evidence.slice(0, QUOTE_MAX - 1)}…` : f.evidence;
  const hasRate = scope?.rate != null && scope.currency != null && scope.unit != null && scope.unit !== 'project';
  const rate = hasRate ? money(scope.rate!, scope.currency!, language) : '';
  const unit = hasRate ? t.units[scope.unit!] : '';
  const qty = hasRate && f.kind === 'extra-work' ? requestedQuantity(f.evidence, scope.unit!) : f.kind === 'revision' && scope?.unit === 'round' ? 1 : null;
  const w: Words = {
    quoted: t.quote(evidence),
    deliverables: (scope?.deliverables ?? []).join(', '),
    rate,
    unit,
    n: f.round ?? 0,
    k: scope?.revisionRounds ?? 0,
    qty: qty ?? 0,
    total: hasRate && qty ? money((Number(scope.rate) * qty).toFixed(2), scope.currency!, language) : '',
  };
  const opening = f.kind === 'revision' ? t.revision(w) : t.extra(w);
  const cost = hasRate ? (qty ? t.priced(w) : t.rated(w)) : t.estimate;
  return letter(language, f.clientName, [opening, `${cost} ${t.time}`, t.confirm], f.userName);
}
