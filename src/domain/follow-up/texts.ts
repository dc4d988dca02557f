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
  agreement: 'Как мы договаривались: {title}.',
  agreementDated: 'Как мы договаривались: {title} ({dueDate}).',
  signoff: 'С уважением,',
};

export const FOLLOW_UP_TEXTS: Record<ReplyLanguage, FollowUpTexts> = { en, sq, tl, kk, ru };
