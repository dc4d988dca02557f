import type { ReplyLanguage } from '../settings.js';

/**
 * Follow-up wording in the five template languages. The greeting comes from the auto-reply
 * language packs; bodies use the same `{placeholder}` syntax and go through `fillTemplate`, so a
 * line whose fact is missing (no agreement, no name) is left out rather than left dangling.
 */
export interface FollowUpTexts {
  /** The user wrote last; the client has not answered. */
  awaiting: string;
  /** Nothing from the client for a while, with something still open. */
  quiet: string;
  /** A calm answer to a client who is back after a long silence, restating timelines. */
  reappearance: string;
  /** The client owes something that is due or late. */
  expectationClient: string;
  /** The user owes something: an update to send the client. */
  expectationUser: string;
  /** A response-time agreement is late: named, with the pace agreed ({workingDays}). */
  responseTime: string;
  /** Every agreed revision round is used ({limit}). */
  revisionsUsed: string;
  /** More revision rounds than agreed ({used} of {limit}): further rounds cost extra. */
  revisionsOver: string;
  agreement: string;
  agreementDated: string;
  signoff: string;
}

const en: FollowUpTexts = {
  awaiting: 'I hope you are well. I wanted to follow up on my message about "{subject}" from {sentDate}.\n\n{agreement}\n\nWhenever you have a moment, a short note on where things stand would help me plan.',
  quiet: 'It has been a little while since we last spoke, so I wanted to check in.\n\n{agreement}\n\nIf anything has changed on your side, just let me know and we can adjust the plan.',
  reappearance: 'Thank you for your message about "{subject}"; good to hear from you again.\n\n{agreement}\n\nI will look at it during my working hours ({workingHours}) and come back to you by {answerBy} with a realistic timeline.',
  expectationClient: 'A friendly reminder about what we agreed: {title}, due {dueDate}.\n\nIf the timing no longer works for you, just let me know and we can find a new date.',
  expectationUser: 'A short update on {title}, which I promised for {dueDate}.',
  responseTime: 'A friendly reminder about what we agreed: {title}, that is, answers within {workingDays} working days.\n\nMy last message has been waiting a little longer than that, so I wanted to make sure it reached you. If that pace no longer suits you, just tell me and we can agree on a new one.',
  revisionsUsed: 'A short note on what we agreed: {title}, with {limit} rounds of revisions included. We have now used all {limit}.\n\nI am glad to keep refining the work; any further round is billed separately, so let me know before we start the next one.',
  revisionsOver: 'A short note on what we agreed: {title}, with {limit} rounds of revisions included. We are now at round {used}.\n\nI am glad to keep refining the work, but the rounds beyond the {limit} we agreed are billed separately. Shall I send you the cost of the extra rounds before I go on?',
  agreement: 'As we agreed: {title}.',
  agreementDated: 'As we agreed: {title} ({dueDate}).',
  signoff: 'Best regards,',
};

const sq: FollowUpTexts = {
  awaiting: 'Shpresoj të jeni mirë. Desha të kthehem te mesazhi im për "{subject}" i datës {sentDate}.\n\n{agreement}\n\nKur të keni një moment, një shënim i shkurtër se si qëndrojnë gjërat do të më ndihmonte të planifikoj.',
  quiet: 'Ka kaluar pak kohë që nga biseda jonë e fundit, prandaj desha t’ju pyes si jeni.\n\n{agreement}\n\nNëse diçka ka ndryshuar nga ana juaj, më njoftoni dhe e përshtatim planin.',
  reappearance: 'Faleminderit për mesazhin tuaj për "{subject}"; më vjen mirë që ju dëgjoj sërish.\n\n{agreement}\n\nDo ta shqyrtoj gjatë orarit tim të punës ({workingHours}) dhe do t’ju kthej përgjigje deri më {answerBy} me një afat realist.',
  expectationClient: 'Një kujtesë miqësore për atë që ramë dakord: {title}, me afat {dueDate}.\n\nNëse afati nuk ju përshtatet më, më njoftoni dhe gjejmë një datë të re.',
  expectationUser: 'Një përditësim i shkurtër për {title}, që e premtova për {dueDate}.',
  responseTime: 'Një kujtesë miqësore për atë që ramë dakord: {title}, pra përgjigje brenda {workingDays} ditëve të punës.\n\nMesazhi im i fundit po pret pak më shumë se kaq, ndaj desha të sigurohem që ju ka arritur. Nëse ky ritëm nuk ju përshtatet më, më thoni dhe biem dakord për një tjetër.',
  revisionsUsed: 'Një shënim i shkurtër për atë që ramë dakord: {title}, me {limit} raunde rishikimesh të përfshira. Tani i kemi përdorur të {limit}.\n\nMë vjen mirë ta përmirësoj punën më tej; çdo raund tjetër paguhet veçmas, ndaj më njoftoni para se të fillojmë të radhës.',
  revisionsOver: 'Një shënim i shkurtër për atë që ramë dakord: {title}, me {limit} raunde rishikimesh të përfshira. Tani jemi te raundi {used}.\n\nMë vjen mirë ta përmirësoj punën më tej, por raundet përtej {limit} të rëna dakord paguhen veçmas. A t’ju dërgoj koston e raundeve shtesë para se të vazhdoj?',
  agreement: 'Siç ramë dakord: {title}.',
  agreementDated: 'Siç ramë dakord: {title} ({dueDate}).',
  signoff: 'Me respekt,',
};

const tl: FollowUpTexts = {
  awaiting: 'Sana po ay nasa mabuti kayong kalagayan. Nais ko lang pong i-follow up ang aking mensahe tungkol sa "{subject}" noong {sentDate}.\n\n{agreement}\n\nKapag may oras po kayo, malaking tulong sa aking pagpaplano ang maikling balita kung nasaan na tayo.',
  quiet: 'Matagal-tagal na po mula nang huli tayong mag-usap, kaya nais ko lang pong kumustahin kayo.\n\n{agreement}\n\nKung may nagbago po sa inyong panig, ipaalam lang po ninyo at aayusin natin ang plano.',
  reappearance: 'Salamat po sa inyong mensahe tungkol sa "{subject}"; masaya po akong marinig muli mula sa inyo.\n\n{agreement}\n\nTitingnan ko po ito sa aking oras ng trabaho ({workingHours}) at babalikan ko kayo bago ang {answerBy} na may makatotohanang iskedyul.',
  expectationClient: 'Isang magiliw na paalala po tungkol sa ating napagkasunduan: {title}, na nakatakda sa {dueDate}.\n\nKung hindi na po angkop ang petsang ito, ipaalam lang po ninyo at hahanap tayo ng bagong petsa.',
  expectationUser: 'Isang maikling update po tungkol sa {title}, na ipinangako ko para sa {dueDate}.',
  responseTime: 'Isang magiliw na paalala po tungkol sa ating napagkasunduan: {title}, ibig sabihin ay sagot sa loob ng {workingDays} araw ng trabaho.\n\nMedyo lumampas na po roon ang paghihintay ng huli kong mensahe, kaya nais ko lang pong matiyak na natanggap ninyo ito. Kung hindi na po angkop ang ganitong bilis, sabihin lang po ninyo at magkasundo tayo sa bago.',
  revisionsUsed: 'Isang maikling paalala po tungkol sa ating napagkasunduan: {title}, kasama ang {limit} round ng rebisyon. Nagamit na po natin ang lahat ng {limit}.\n\nMasaya po akong ipagpatuloy ang pagpapaganda ng trabaho; may hiwalay na bayad ang bawat dagdag na round, kaya ipaalam lang po ninyo bago natin simulan ang susunod.',
  revisionsOver: 'Isang maikling paalala po tungkol sa ating napagkasunduan: {title}, kasama ang {limit} round ng rebisyon. Nasa round {used} na po tayo.\n\nMasaya po akong ipagpatuloy ang trabaho, pero may hiwalay na bayad ang mga round na lampas sa {limit} na napagkasunduan. Ipapadala ko po ba muna ang halaga ng mga dagdag na round bago ako magpatuloy?',
  agreement: 'Gaya ng ating napagkasunduan: {title}.',
  agreementDated: 'Gaya ng ating napagkasunduan: {title} ({dueDate}).',
  signoff: 'Lubos na gumagalang,',
};

const kk: FollowUpTexts = {
  awaiting: '{sentDate} күні «{subject}» тақырыбы бойынша жазған хатыма оралғым келді.\n\n{agreement}\n\nУақытыңыз болғанда, істің қай кезеңде екенін қысқаша жазсаңыз, жоспарлауыма көмектеседі.',
  quiet: 'Соңғы сөйлескенімізге біраз уақыт болды, сондықтан хал-жағдайыңызды білгім келді.\n\n{agreement}\n\nСіз жақта бірдеңе өзгерсе, хабарлаңыз, жоспарды бірге түзетеміз.',
  reappearance: '«{subject}» туралы хатыңызға рахмет, сізден қайта хабар алғаныма қуаныштымын.\n\n{agreement}\n\nОны жұмыс уақытымда ({workingHours}) қарап шығып, {answerBy} дейін нақты мерзімдерімен жауап беремін.',
  expectationClient: 'Келіскен мәселеміз туралы достық еске салу: {title}, мерзімі — {dueDate}.\n\nЕгер бұл мерзім енді ыңғайсыз болса, хабарлаңыз, жаңа күн табамыз.',
  expectationUser: '{dueDate} дейін уәде еткен {title} бойынша қысқаша жаңалық.',
  responseTime: 'Келіскен мәселеміз туралы достық еске салу: {title}, яғни {workingDays} жұмыс күні ішінде жауап беру.\n\nСоңғы хатым бұдан сәл ұзағырақ жауап күтіп тұр, сондықтан оның сізге жеткеніне көз жеткізгім келді. Егер бұл қарқын енді ыңғайсыз болса, айтыңыз, жаңасына келісеміз.',
  revisionsUsed: 'Келіскен мәселеміз туралы қысқаша ескерту: {title}, оған {limit} түзету кезеңі кіреді. Қазір {limit} кезеңнің бәрі пайдаланылды.\n\nЖұмысты әрі қарай жетілдіруге қуаныштымын; әр қосымша кезеңге бөлек ақы төленеді, сондықтан келесісін бастамас бұрын хабарлаңыз.',
  revisionsOver: 'Келіскен мәселеміз туралы қысқаша ескерту: {title}, оған {limit} түзету кезеңі кіреді. Қазір {used}-кезеңдеміз.\n\nЖұмысты жетілдіруді жалғастыруға қуаныштымын, бірақ келісілген {limit} кезеңнен тыс түзетулерге бөлек ақы төленеді. Жалғастырмас бұрын қосымша кезеңдердің құнын жіберейін бе?',
  agreement: 'Келіскеніміздей: {title}.',
  agreementDated: 'Келіскеніміздей: {title} ({dueDate}).',
  signoff: 'Құрметпен,',
};

const ru: FollowUpTexts = {
  awaiting: 'Возвращаюсь к моему письму «{subject}» от {sentDate}.\n\n{agreement}\n\nКогда будет минутка, напишите, пожалуйста, коротко, как продвигаются дела: это поможет мне спланировать работу.',
  quiet: 'Мы давно не были на связи, и мне хочется узнать, как у вас дела.\n\n{agreement}\n\nЕсли у вас что-то изменилось, просто дайте знать, и мы скорректируем план.',
  reappearance: 'Спасибо за ваше письмо «{subject}», хорошо, что вы снова на связи.\n\n{agreement}\n\nЯ посмотрю его в рабочие часы ({workingHours}) и до {answerBy} вернусь к вам с реалистичными сроками.',
  expectationClient: 'Дружеское напоминание о нашей договорённости: {title}, срок — {dueDate}.\n\nЕсли срок вам больше не подходит, дайте знать, и мы подберём новую дату.',
  expectationUser: 'Коротко о том, как идут дела: {title}, срок — {dueDate}.',
  responseTime: 'Дружеское напоминание о нашей договорённости: {title}, то есть ответ в течение {workingDays} рабочих дней.\n\nМоё последнее письмо ждёт ответа чуть дольше, поэтому хочу убедиться, что оно до вас дошло. Если такой темп вам больше не подходит, скажите, и мы договоримся о новом.',
  revisionsUsed: 'Коротко о нашей договорённости: {title}, в стоимость входит кругов правок: {limit}. Сейчас все {limit} использованы.\n\nЯ с удовольствием продолжу дорабатывать макет; каждый следующий круг правок оплачивается отдельно, поэтому дайте знать, прежде чем мы начнём следующий.',
  revisionsOver: 'Коротко о нашей договорённости: {title}, в стоимость входит кругов правок: {limit}. Сейчас идёт уже {used}-й круг.\n\nЯ с удовольствием продолжу работу, но круги правок сверх оговорённых ({limit}) оплачиваются отдельно. Прислать вам стоимость дополнительных кругов, прежде чем я продолжу?',
  agreement: 'Как мы договаривались: {title}.',
  agreementDated: 'Как мы договаривались: {title} ({dueDate}).',
  signoff: 'С уважением,',
};

export const FOLLOW_UP_TEXTS: Record<ReplyLanguage, FollowUpTexts> = { en, sq, tl, kk, ru };
