import type { ReplyMoment } from '../hours/moment.js';
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
  /** The first sentence, for the moment the message arrived (before the day, on a break...). */
  bodies: Record<ReplyMoment, string>;
}

const en: LanguagePack = {
  firstNameOnly: true,
  greeting: { named: 'Hi {name},', plain: 'Hello,' },
  fallbackSubject: 'Automatic reply',
  yourTime: '(your time)',
  bodies: {
    'before-day': 'Thank you for your message. It arrived before my working day has begun, so I wanted to let you know it is here and waiting for me.',
    break: 'Thank you for your message. It arrived while I am on a break between my working hours, so I wanted to let you know it has reached me.',
    'between-shifts': 'Thank you for your message. I work a night schedule and it arrived between my shifts, so I wanted to let you know it has reached me.',
    'day-off': 'Thank you for your message. Today is one of my days off, so I wanted to let you know it has arrived safely.',
    'after-day': 'Thank you for your message. It reached me after my working day had ended, so I wanted to let you know it has arrived safely.',
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
    'before-day': 'Faleminderit për mesazhin tuaj. Më erdhi para se të fillonte dita ime e punës, prandaj desha t’ju njoftoj se e kam marrë.',
    break: 'Faleminderit për mesazhin tuaj. Më erdhi gjatë një pushimi mes orëve të mia të punës, prandaj desha t’ju njoftoj se e kam marrë.',
    'between-shifts': 'Faleminderit për mesazhin tuaj. Unë punoj me turne nate dhe mesazhi më erdhi mes dy turneve, prandaj desha t’ju njoftoj se e kam marrë.',
    'day-off': 'Faleminderit për mesazhin tuaj. Sot është një nga ditët e mia të lira, prandaj desha t’ju njoftoj se e kam marrë.',
    'after-day': 'Faleminderit për mesazhin tuaj. Më erdhi pasi kishte mbaruar dita ime e punës, prandaj desha t’ju njoftoj se e kam marrë.',
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
    'before-day': 'Salamat po sa inyong mensahe. Natanggap ko ito bago magsimula ang aking oras ng trabaho, kaya nais kong ipaalam sa inyo na dumating ito nang maayos.',
    break: 'Salamat po sa inyong mensahe. Dumating ito habang ako ay nasa pahinga sa pagitan ng aking oras ng trabaho, kaya nais kong ipaalam sa inyo na natanggap ko ito.',
    'between-shifts': 'Salamat po sa inyong mensahe. Panggabi po ang aking trabaho at dumating ito sa pagitan ng aking mga shift, kaya nais kong ipaalam sa inyo na natanggap ko ito.',
    'day-off': 'Salamat po sa inyong mensahe. Araw po ng aking pahinga ngayon, kaya nais kong ipaalam sa inyo na natanggap ko ito.',
    'after-day': 'Salamat po sa inyong mensahe. Natanggap ko ito pagkatapos ng aking oras ng trabaho, kaya nais kong ipaalam sa inyo na dumating ito nang maayos.',
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
    'before-day': 'Хатыңызға рахмет. Ол менің жұмыс күнім басталмай тұрып келді, сондықтан хатыңыздың жеткенін хабарлағым келді.',
    break: 'Хатыңызға рахмет. Ол жұмыс уақытымның арасындағы үзіліс кезінде келді, сондықтан хатыңыздың жеткенін хабарлағым келді.',
    'between-shifts': 'Хатыңызға рахмет. Мен түнгі кестемен жұмыс істеймін, ал хатыңыз ауысымдарымның арасында келді, сондықтан оның жеткенін хабарлағым келді.',
    'day-off': 'Хатыңызға рахмет. Бүгін менің демалыс күнім, сондықтан хатыңыздың жеткенін хабарлағым келді.',
    'after-day': 'Хатыңызға рахмет. Ол менің жұмыс күнім аяқталғаннан кейін келді, сондықтан хатыңыздың жеткенін хабарлағым келді.',
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
    'before-day': 'Спасибо за ваше письмо. Оно пришло ещё до начала моего рабочего дня, поэтому хочу сообщить, что оно дошло и без внимания не останется.',
    break: 'Спасибо за ваше письмо. Оно пришло во время перерыва в моём рабочем дне, поэтому хочу сообщить, что оно дошло и без внимания не останется.',
    'between-shifts': 'Спасибо за ваше письмо. Я работаю по ночному графику, и письмо пришло между моими сменами, поэтому хочу сообщить, что оно дошло и без внимания не останется.',
    'day-off': 'Спасибо за ваше письмо. Сегодня у меня выходной, поэтому хочу сообщить, что письмо дошло и без внимания не останется.',
    'after-day': 'Спасибо за ваше письмо. Оно пришло уже после окончания моего рабочего дня, поэтому хочу сообщить, что оно дошло и без внимания не останется.',
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

/** The moment a category stands for when no finer one is known (a template preview, say). */
const DEFAULT_MOMENT: Record<ReplyCategory, ReplyMoment> = { 'after-hours': 'after-day', weekend: 'weekend', holiday: 'holiday', vacation: 'vacation' };

export function builtinTemplate(language: ReplyLanguage, category: ReplyCategory, moment: ReplyMoment = DEFAULT_MOMENT[category], urgent = false): string {
  if (!urgent) return `{greeting}\n\n${LANGUAGE_PACKS[language].bodies[moment]}\n\n{vacationMessage}\n\n{howIWork}\n\n${TAILS[language]}`;
  // The urgent note names the next start itself, so the tail's "back on …" line would repeat it.
  const tail = TAILS[language].split('\n\n').filter((p) => !p.includes('{nextReply}')).join('\n\n');
  return `{greeting}\n\n${LANGUAGE_PACKS[language].bodies[moment]}\n\n{urgentNote}\n\n{emergencyRoute}\n\n{vacationMessage}\n\n{howIWork}\n\n${tail}`;
}
