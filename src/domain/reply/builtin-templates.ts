import type { ReplyLanguage } from '../settings.js';

/**
 * Built-in replies, written as a considerate person would write them. A line whose placeholder
 * has no value (no client zone, no vacation note, no name) is left out, so every line must read
 * well on its own. They promise only what Boundary does: the user reads the mail when back.
 */
export type ReplyCategory = 'after-hours' | 'weekend' | 'holiday' | 'vacation';

export interface LanguagePack {
  /** Used when the message has a sender name, and when it has none. */
  greeting: { named: string; plain: string };
  /** Greet by first name (en, sq, tl) or by the full name as written (kk, ru: more formal). */
  firstNameOnly: boolean;
  fallbackSubject: string;
  /** Marks a time shown in the client's zone. */
  yourTime: string;
  bodies: Record<ReplyCategory, string>;
}

const en: LanguagePack = {
  firstNameOnly: true,
  greeting: { named: 'Hi {name},', plain: 'Hello,' },
  fallbackSubject: 'Automatic reply',
  yourTime: '(your time)',
  bodies: {
    'after-hours': 'Thank you for your message. It reached me after my working day had ended, so I wanted to let you know it has arrived safely.',
    weekend: 'Thank you for your message. It arrived over the weekend, when I am away from work, so I wanted to let you know it has arrived safely.',
    holiday: 'Thank you for your message. I am away today for a public holiday ({holidayName}), and wanted to let you know it has arrived safely.',
    vacation: 'Thank you for your message. I am away on vacation at the moment and not reading mail regularly.',
  },
};

const sq: LanguagePack = {
  firstNameOnly: true,
  greeting: { named: 'Përshëndetje {name},', plain: 'Përshëndetje,' },
  fallbackSubject: 'Përgjigje automatike',
  yourTime: '(sipas orës suaj)',
  bodies: {
    'after-hours': 'Faleminderit për mesazhin tuaj. Më erdhi pasi kishte mbaruar dita ime e punës, prandaj desha t’ju njoftoj se e kam marrë.',
    weekend: 'Faleminderit për mesazhin tuaj. Më erdhi gjatë fundjavës, kur nuk punoj, prandaj desha t’ju njoftoj se e kam marrë.',
    holiday: 'Faleminderit për mesazhin tuaj. Sot nuk jam në punë për shkak të festës zyrtare ({holidayName}), por desha t’ju njoftoj se e kam marrë.',
    vacation: 'Faleminderit për mesazhin tuaj. Aktualisht jam me pushime dhe nuk i lexoj rregullisht emailet.',
  },
};

const tl: LanguagePack = {
  firstNameOnly: true,
  greeting: { named: 'Magandang araw po, {name},', plain: 'Magandang araw po,' },
  fallbackSubject: 'Awtomatikong tugon',
  yourTime: '(sa inyong oras)',
  bodies: {
    'after-hours': 'Salamat po sa inyong mensahe. Natanggap ko ito pagkatapos ng aking oras ng trabaho, kaya nais kong ipaalam sa inyo na dumating ito nang maayos.',
    weekend: 'Salamat po sa inyong mensahe. Dumating ito noong katapusan ng linggo, kung kailan wala ako sa trabaho, kaya nais kong ipaalam sa inyo na natanggap ko ito.',
    holiday: 'Salamat po sa inyong mensahe. Wala po ako sa trabaho ngayon dahil sa pista opisyal ({holidayName}), pero nais kong ipaalam sa inyo na natanggap ko ito.',
    vacation: 'Salamat po sa inyong mensahe. Kasalukuyan po akong nagbabakasyon at hindi regular na nakakabasa ng email.',
  },
};

const kk: LanguagePack = {
  firstNameOnly: false,
  greeting: { named: 'Сәлеметсіз бе, {name}!', plain: 'Сәлеметсіз бе!' },
  fallbackSubject: 'Автоматты жауап',
  yourTime: '(сіздің уақытыңыз бойынша)',
  bodies: {
    'after-hours': 'Хатыңызға рахмет. Ол менің жұмыс күнім аяқталғаннан кейін келді, сондықтан хатыңыздың жеткенін хабарлағым келді.',
    weekend: 'Хатыңызға рахмет. Ол демалыс күндері келді, бұл уақытта мен жұмыс істемеймін, сондықтан хатыңыздың жеткенін хабарлағым келді.',
    holiday: 'Хатыңызға рахмет. Бүгін мереке күні ({holidayName}), мен жұмыста емеспін, бірақ хатыңыздың жеткенін хабарлағым келді.',
    vacation: 'Хатыңызға рахмет. Қазір мен демалыстамын және поштаны үнемі оқи алмаймын.',
  },
};

const ru: LanguagePack = {
  firstNameOnly: false,
  greeting: { named: 'Здравствуйте, {name}!', plain: 'Здравствуйте!' },
  fallbackSubject: 'Автоматический ответ',
  yourTime: '(по вашему времени)',
  bodies: {
    'after-hours': 'Спасибо за ваше письмо. Оно пришло уже после окончания моего рабочего дня, поэтому хочу сообщить, что оно дошло и без внимания не останется.',
    weekend: 'Спасибо за ваше письмо. Оно пришло в выходные, когда я не работаю, поэтому хочу сообщить, что оно дошло и без внимания не останется.',
    holiday: 'Спасибо за ваше письмо. Сегодня у меня праздничный день ({holidayName}), но хочу сообщить, что письмо дошло и без внимания не останется.',
    vacation: 'Спасибо за ваше письмо. Сейчас я в отпуске и читаю почту нерегулярно.',
  },
};

/** The lines after the category sentence, shared by every category of one language. */
const TAILS: Record<ReplyLanguage, string> = {
  en: 'My working hours are {workingHoursBoth}.\n\nI will be back at work on {nextReply} and will read your message then.\n\nBest regards,\n{userName}',
  sq: 'Orari im i punës: {workingHoursBoth}.\n\nKthehem në punë: {nextReply}. Atëherë do ta lexoj mesazhin tuaj.\n\nMe respekt,\n{userName}',
  tl: 'Ang aking oras ng trabaho ay {workingHoursBoth}.\n\nBabalik po ako sa trabaho sa {nextReply}, at babasahin ko ang inyong mensahe sa oras na iyon.\n\nLubos na gumagalang,\n{userName}',
  kk: 'Менің жұмыс уақытым: {workingHoursBoth}.\n\nЖұмысқа оралатын уақытым: {nextReply}. Хатыңызды сол кезде оқимын.\n\nҚұрметпен,\n{userName}',
  ru: 'Мои рабочие часы: {workingHoursBoth}.\n\nСнова на связи: {nextReply}. Тогда и прочитаю ваше письмо.\n\nС уважением,\n{userName}',
};

export const LANGUAGE_PACKS: Record<ReplyLanguage, LanguagePack> = { en, sq, tl, kk, ru };

export function builtinTemplate(language: ReplyLanguage, category: ReplyCategory): string {
  return `{greeting}\n\n${LANGUAGE_PACKS[language].bodies[category]}\n\n{vacationMessage}\n\n${TAILS[language]}`;
}
