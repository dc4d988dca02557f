import type { ReplyLanguage } from '../settings.js';

/**
 * Drafts about the working relationship, in the five reply languages: the first-contact note,
 * the recap of a decision and the request for a signed agreement. Placeholders go through
 * `fillTemplate`, so a line whose fact is missing (no payment terms, no emergency contact) is
 * left out. Russian avoids gendered past tenses: the user may be a man or a woman.
 */
export interface AgreementTexts {
  firstContactSubject: string;
  firstContactIntro: string;
  firstContactHours: string;
  firstContactResponse: string;
  firstContactEmergency: string;
  firstContactPayment: string;
  firstContactOutro: string;
  /** The one line the first after-hours reply carries in "fold" mode. */
  firstContactKeyLine: string;
  recapSubject: string;
  recapIntro: string;
  recapQuote: string;
  recapAsk: string;
  contractSubject: string;
  contractRequest: string;
}

const en: AgreementTexts = {
  firstContactSubject: 'How I work',
  firstContactIntro: 'Thank you for getting in touch, I am glad to hear from you. Before we start, a few words on how I work, so you know what to expect from me.',
  firstContactHours: 'My working hours are {hours}.',
  firstContactResponse: 'I answer messages within {response}, often sooner.',
  firstContactEmergency: '{emergency}',
  firstContactPayment: 'Payment terms: {paymentTerms}.',
  firstContactOutro: 'If any of this does not suit you, just tell me and we will find what works for both of us. I look forward to working together.',
  firstContactKeyLine: 'A word on how I work: I answer messages within {response}.',
  recapSubject: 'What we agreed',
  recapIntro: 'Thank you for your message. To confirm what we agreed:',
  recapQuote: '“{decision}”',
  recapAsk: 'If that is right, a short "yes, confirmed" is all I need. If I have misunderstood anything, just tell me and I will correct it.',
  contractSubject: 'A short agreement before we start',
  contractRequest: 'Thank you, I am glad we are getting started. I do work with a short signed agreement on every project, however small: a page or two that sets out what I will deliver, by when, and the payment terms, so that we both know where we stand and nothing rests on memory.\n\nI will send it over for you to read. Signing takes a couple of minutes, and I can start as soon as it is back with me.',
};

const ru: AgreementTexts = {
  firstContactSubject: 'Как я работаю',
  firstContactIntro: 'Спасибо, что написали. Прежде чем мы начнём, несколько слов о том, как я работаю, чтобы вы знали, чего от меня ждать.',
  firstContactHours: 'Мои рабочие часы: {hours}.',
  firstContactResponse: 'Отвечаю на письма в срок до {response}, часто быстрее.',
  firstContactEmergency: '{emergency}',
  firstContactPayment: 'Условия оплаты: {paymentTerms}.',
  firstContactOutro: 'Если что-то из этого вам не подходит, просто скажите, и мы найдём вариант, удобный нам обоим. С удовольствием начну работу.',
  firstContactKeyLine: 'Пара слов о том, как я работаю: отвечаю на письма в срок до {response}.',
  recapSubject: 'О чём мы договорились',
  recapIntro: 'Спасибо за письмо. Чтобы зафиксировать, о чём мы договорились:',
  recapQuote: '«{decision}»',
  recapAsk: 'Если всё верно, достаточно короткого «да, подтверждаю». Если что-то не так, просто напишите, и я поправлю.',
  contractSubject: 'Короткий договор перед началом работы',
  contractRequest: 'Спасибо, приятно, что мы начинаем работу. Я всегда работаю по короткому подписанному договору, даже на небольших проектах: одна-две страницы о том, что я делаю, в какие сроки и на каких условиях оплаты. Так мы оба точно знаем, о чём договорились, и ничего не держим в памяти.\n\nЯ пришлю договор, чтобы вы могли его прочитать. Подписание займёт пару минут, и я начну, как только получу его обратно.',
};

const sq: AgreementTexts = {
  firstContactSubject: 'Si punoj',
  firstContactIntro: 'Faleminderit që më shkruat, më vjen mirë. Para se të fillojmë, disa fjalë se si punoj, që të dini çfarë të prisni nga unë.',
  firstContactHours: 'Orari im i punës: {hours}.',
  firstContactResponse: 'U përgjigjem mesazheve brenda {response}, shpesh edhe më shpejt.',
  firstContactEmergency: '{emergency}',
  firstContactPayment: 'Kushtet e pagesës: {paymentTerms}.',
  firstContactOutro: 'Nëse diçka nga këto nuk ju përshtatet, më thoni dhe gjejmë një zgjidhje që u shkon të dyve. Mezi pres të punojmë bashkë.',
  firstContactKeyLine: 'Dy fjalë se si punoj: u përgjigjem mesazheve brenda {response}.',
  recapSubject: 'Çfarë ramë dakord',
  recapIntro: 'Faleminderit për mesazhin. Për të konfirmuar atë që ramë dakord:',
  recapQuote: '“{decision}”',
  recapAsk: 'Nëse është e saktë, mjafton një "po, e konfirmoj" e shkurtër. Nëse kam kuptuar gabim diçka, më thoni dhe e korrigjoj.',
  contractSubject: 'Një marrëveshje e shkurtër para se të fillojmë',
  contractRequest: 'Faleminderit, më vjen mirë që po fillojmë. Unë punoj gjithmonë me një marrëveshje të shkurtër të nënshkruar, sado i vogël të jetë projekti: një ose dy faqe që thonë çfarë do të dorëzoj, deri kur dhe me çfarë kushtesh pagese, që të dy ta dimë ku jemi dhe asgjë të mos mbetet në kujtesë.\n\nDo t’jua dërgoj ta lexoni. Nënshkrimi zgjat vetëm pak minuta dhe mund të filloj sapo ta kem mbrapsht.',
};

const tl: AgreementTexts = {
  firstContactSubject: 'Paano ako magtrabaho',
  firstContactIntro: 'Salamat po sa pagsulat ninyo, natutuwa akong marinig mula sa inyo. Bago tayo magsimula, ilang salita po tungkol sa paraan ng aking pagtatrabaho, para alam ninyo kung ano ang aasahan.',
  firstContactHours: 'Ang aking oras ng trabaho ay {hours}.',
  firstContactResponse: 'Sinasagot ko po ang mga mensahe sa loob ng {response}, madalas ay mas maaga pa.',
  firstContactEmergency: '{emergency}',
  firstContactPayment: 'Mga tuntunin sa pagbabayad: {paymentTerms}.',
  firstContactOutro: 'Kung may hindi po angkop sa inyo rito, sabihin lang po ninyo at hahanap tayo ng paraang babagay sa ating dalawa. Inaasahan ko pong makatrabaho kayo.',
  firstContactKeyLine: 'Isang paalala po sa paraan ng aking pagtatrabaho: sinasagot ko ang mga mensahe sa loob ng {response}.',
  recapSubject: 'Ang ating napagkasunduan',
  recapIntro: 'Salamat po sa inyong mensahe. Para po makumpirma ang ating napagkasunduan:',
  recapQuote: '“{decision}”',
  recapAsk: 'Kung tama po ito, sapat na ang maikling "oo, kumpirmado". Kung may mali po akong pagkaunawa, sabihin lang po ninyo at itatama ko.',
  contractSubject: 'Maikling kasunduan bago tayo magsimula',
  contractRequest: 'Salamat po, natutuwa akong magsisimula na tayo. Sa bawat proyekto, gaano man kaliit, gumagamit po ako ng maikling pirmadong kasunduan: isa o dalawang pahina tungkol sa aking gagawin, kung kailan, at ang mga tuntunin sa pagbabayad, para pareho nating alam ang napagkasunduan at walang nakasalalay sa alaala lamang.\n\nIpapadala ko po ito para mabasa ninyo. Ilang minuto lang po ang pagpirma, at makakapagsimula ako sa sandaling maibalik ninyo ito.',
};

const kk: AgreementTexts = {
  firstContactSubject: 'Мен қалай жұмыс істеймін',
  firstContactIntro: 'Жазғаныңызға рахмет, сізден хабар алғаныма қуаныштымын. Жұмысты бастамас бұрын, менен не күтуге болатынын білуіңіз үшін, қалай жұмыс істейтінім туралы бірер сөз.',
  firstContactHours: 'Менің жұмыс уақытым: {hours}.',
  firstContactResponse: 'Хаттарға {response} ішінде жауап беремін, көбіне одан да тезірек.',
  firstContactEmergency: '{emergency}',
  firstContactPayment: 'Төлем шарттары: {paymentTerms}.',
  firstContactOutro: 'Егер осының бірі сізге ыңғайсыз болса, айтыңыз, екеумізге де қолайлы жолын табамыз. Бірге жұмыс істеуді асыға күтемін.',
  firstContactKeyLine: 'Қалай жұмыс істейтінім туралы бір сөз: хаттарға {response} ішінде жауап беремін.',
  recapSubject: 'Келіскеніміз',
  recapIntro: 'Хатыңызға рахмет. Келіскенімізді бекіту үшін:',
  recapQuote: '«{decision}»',
  recapAsk: 'Егер бәрі дұрыс болса, қысқа ғана «иә, растаймын» деп жазсаңыз жеткілікті. Бірдеңені дұрыс түсінбеген болсам, айтыңыз, түзетемін.',
  contractSubject: 'Жұмыс алдындағы қысқа келісімшарт',
  contractRequest: 'Рахмет, жұмысты бастайтынымызға қуаныштымын. Жоба қаншалықты шағын болса да, мен әрдайым қысқа, қол қойылған келісімшартпен жұмыс істеймін: не істейтінім, қашан және қандай төлем шарттарымен екені жазылған бір-екі бет. Сонда екеуміз де не туралы келіскенімізді нақты білеміз, ештеңе жадқа сеніп қалмайды.\n\nОқып шығуыңыз үшін оны жіберемін. Қол қою бірнеше минутты ғана алады, ал қол қойылған нұсқасы келген бойда жұмысты бастаймын.',
};

export const AGREEMENT_TEXTS: Record<ReplyLanguage, AgreementTexts> = { en, ru, sq, tl, kk };

/** "8 working hours" as each text needs it: Russian after "до" (genitive), Albanian after "brenda". */
export function responseTimeWords(language: ReplyLanguage, hours: number): string {
  const n = Number.isInteger(hours) ? String(hours) : hours.toLocaleString(language === 'en' ? 'en' : language);
  switch (language) {
    case 'en':
      return `${n} working ${hours === 1 ? 'hour' : 'hours'}`;
    case 'ru':
      return `${n} ${Number.isInteger(hours) && hours % 10 === 1 && hours % 100 !== 11 ? 'рабочего часа' : 'рабочих часов'}`;
    case 'sq':
      return hours === 1 ? '1 ore pune' : `${n} orëve të punës`;
    case 'tl':
      return `${n} oras ng trabaho`;
    case 'kk':
      return `${n} жұмыс сағаты`;
  }
}
