import type { ReplyLanguage } from '../settings.js';
import { LANGUAGE_PACKS } from './builtin-templates.js';

/**
 * Two drafts for mail under pressure (issue 18), written for the user to edit and send, never
 * sent by Boundary: a calm "what is the real deadline?" for urgent mail, and a short reply that
 * sets the line after abusive mail. The line-setting one thanks no one: thanking someone for an
 * insult rewards it.
 */
export type LineDraftKind = 'deadline-question' | 'set-the-line';

const BODIES: Record<LineDraftKind, Record<ReplyLanguage, string>> = {
  'deadline-question': {
    en: 'Thanks for flagging this. So I can plan it properly: when do you actually need it, and what would happen if it came a little later? If one part matters more than the rest, tell me which and I will start there.',
    sq: 'Faleminderit që më njoftuat. Që ta planifikoj si duhet: deri kur ju duhet në të vërtetë, dhe çfarë ndodh nëse vonohet pak? Nëse një pjesë është më e rëndësishme se të tjerat, më tregoni cila është dhe do të filloj prej saj.',
    tl: 'Salamat po sa pagpapaalam. Para maplano ko ito nang maayos: kailan po ba talaga ito kailangan, at ano po ang mangyayari kung medyo maantala ito? Kung may bahagi pong mas mahalaga kaysa sa iba, sabihin lang po ninyo kung alin at doon ako magsisimula.',
    kk: 'Ескерткеніңізге рахмет. Жұмысты дұрыс жоспарлау үшін айтыңызшы: бұл нақты қай мерзімге керек және сәл кешіксе не болады? Егер бір бөлігі басқаларынан маңыздырақ болса, қайсысы екенін жазыңыз, содан бастаймын.',
    ru: 'Спасибо, что предупредили. Чтобы всё правильно спланировать, подскажите: к какому сроку это действительно нужно и что будет, если получится чуть позже? Если какая-то часть важнее остальных, напишите какая, и я начну с неё.',
  },
  'set-the-line': {
    en: 'I want to sort this out with you, and I will. I cannot continue in this tone, though. Please keep our messages respectful: tell me what is wrong, and I will look at it during my working hours.',
    sq: 'Dua ta zgjidh këtë çështje bashkë me ju, dhe do ta zgjidh. Por me këtë ton nuk mund ta vazhdoj. Ju lutem, le të komunikojmë me respekt: më shkruani çfarë nuk shkon dhe do ta shqyrtoj gjatë orarit tim të punës.',
    tl: 'Gusto ko pong maayos ito kasama ninyo, at aayusin ko ito. Pero hindi ko po maipagpapatuloy ang usapan sa ganitong tono. Mag-usap po tayo nang may paggalang: sabihin lang po ninyo kung ano ang mali, at titingnan ko ito sa aking oras ng trabaho.',
    kk: 'Бұл мәселені сізбен бірге шешкім келеді және шешемін. Бірақ мұндай сарынмен сөйлесуді жалғастыра алмаймын. Өтінемін, бір-бірімізге құрметпен жазайық: не дұрыс емес екенін жазыңыз, мен оны жұмыс уақытымда қараймын.',
    ru: 'Я хочу решить этот вопрос вместе с вами и решу его. Но в таком тоне продолжать разговор не получится. Давайте общаться уважительно: напишите, что именно не так, и я займусь этим в рабочее время.',
  },
};

const SIGN_OFF: Record<ReplyLanguage, string> = { en: 'Best regards,', sq: 'Me respekt,', tl: 'Lubos na gumagalang,', kk: 'Құрметпен,', ru: 'С уважением,' };

export interface LineDraftInput {
  kind: LineDraftKind;
  language: ReplyLanguage;
  /** The client's display name as written in their mail, when known. */
  recipientName: string | null;
  userName: string;
}

export function lineDraftText({ kind, language, recipientName, userName }: LineDraftInput): string {
  const pack = LANGUAGE_PACKS[language];
  const name = (recipientName ?? '').replace(/[\r\n\t]+/g, ' ').trim();
  const greetName = pack.firstNameOnly ? (name.split(' ')[0] ?? '') : name;
  const greeting = greetName ? pack.greeting.named.replace('{name}', greetName) : pack.greeting.plain;
  // Setting the line ends plainly: "Best regards" would soften it into politeness.
  const closing = kind === 'set-the-line' ? userName : [SIGN_OFF[language], userName].filter(Boolean).join('\n');
  return [greeting, BODIES[kind][language], closing].filter(Boolean).join('\n\n');
}

/** "Re: …", without stacking prefixes. */
export function draftSubject(original: string, prefix: string): string {
  const s = original.replace(/[\r\n\t]+/g, ' ').trim();
  const p = prefix.trim();
  if (!s) return p || 'Re:';
  return !p || s.toLowerCase().startsWith(p.toLowerCase()) ? s : `${p} ${s}`;
}
