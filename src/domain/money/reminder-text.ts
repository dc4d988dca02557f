import { DateTime } from 'luxon';
import type { ReplyLanguage } from '../settings.js';
import type { ReminderStage } from './types.js';
import { letter, longDate, money } from './words.js';

export interface ReminderFacts {
  reference: string;
  amount: string;
  currency: string;
  dueOn: string;
  /** Days past due on the day the draft is written (negative before). */
  daysLate: number;
  /** The local date the draft is written on: the last reminder names a date a week later. */
  today: string;
  clientName: string | null;
  userName: string;
}

interface Words {
  ref: string;
  amount: string;
  date: string;
  days: number;
  deadline: string;
}

type StageText = { subject: (w: Words) => string; body: (w: Words) => string[] };

/**
 * Four reminders that grow firmer and stay polite: a friendly note, a question on the day, a
 * clear request a week late, and a deadline with a pause on new work a month late.
 */
const TEXTS: Record<ReplyLanguage, Record<ReminderStage, StageText>> = {
  en: {
    before: { subject: (w) => `Invoice ${w.ref}: due on ${w.date}`, body: (w) => [`A friendly note that invoice ${w.ref} for ${w.amount} is due on ${w.date}. If the payment is already on its way, thank you, and please ignore this message.`] },
    due: { subject: (w) => `Invoice ${w.ref} is due today`, body: (w) => [`Invoice ${w.ref} for ${w.amount} is due today, ${w.date}. Could you let me know when the payment is planned? If you need the invoice again, just reply and I will send it.`] },
    'late-7': { subject: (w) => `Invoice ${w.ref}: payment overdue`, body: (w) => [`Invoice ${w.ref} for ${w.amount} was due on ${w.date} and is now ${w.days} days overdue; I have not received the payment yet.`, 'Could you please arrange it this week, or tell me when I can expect it?'] },
    'late-30': { subject: (w) => `Invoice ${w.ref}: over 30 days overdue`, body: (w) => [`Invoice ${w.ref} for ${w.amount}, due on ${w.date}, is still unpaid after ${w.days} days, despite my earlier reminders. Please settle it by ${w.deadline}.`, 'Until it is paid, I am pausing any new work. If something is holding the payment up, let us talk about it.'] },
  },
  ru: {
    before: { subject: (w) => `Счёт ${w.ref}: срок оплаты ${w.date}`, body: (w) => [`Напоминаю, что срок оплаты счёта ${w.ref} на сумму ${w.amount} — ${w.date}. Если оплата уже в пути, спасибо, и не обращайте внимания на это письмо.`] },
    due: { subject: (w) => `Счёт ${w.ref}: срок оплаты сегодня`, body: (w) => [`Сегодня, ${w.date}, наступает срок оплаты счёта ${w.ref} на сумму ${w.amount}. Подскажите, пожалуйста, когда планируется оплата? Если нужно, я пришлю счёт ещё раз.`] },
    'late-7': { subject: (w) => `Счёт ${w.ref}: оплата просрочена`, body: (w) => [`Срок оплаты счёта ${w.ref} на сумму ${w.amount} был ${w.date}, просрочка — ${w.days} дн. Оплата пока не поступила.`, 'Пожалуйста, оплатите счёт на этой неделе или сообщите, когда её ожидать.'] },
    'late-30': { subject: (w) => `Счёт ${w.ref}: просрочка более 30 дней`, body: (w) => [`Счёт ${w.ref} на сумму ${w.amount} со сроком оплаты ${w.date} не оплачен уже ${w.days} дн., несмотря на мои напоминания. Прошу оплатить его до ${w.deadline}.`, 'До поступления оплаты новые работы приостановлены. Если что-то мешает оплате, давайте обсудим.'] },
  },
  kk: {
    before: { subject: (w) => `${w.ref} шоты: төлем мерзімі ${w.date}`, body: (w) => [`${w.amount} сомасындағы ${w.ref} шотының төлем мерзімі — ${w.date}. Төлем жіберілген болса, рақмет, бұл хатқа назар аудармаңыз.`] },
    due: { subject: (w) => `${w.ref} шоты: төлем мерзімі бүгін`, body: (w) => [`${w.amount} сомасындағы ${w.ref} шотының төлем мерзімі бүгін, ${w.date}. Төлем қашан жасалатынын айтып жібересіз бе? Қажет болса, шотты қайта жіберемін.`] },
    'late-7': { subject: (w) => `${w.ref} шоты: төлем мерзімі өтті`, body: (w) => [`${w.amount} сомасындағы ${w.ref} шотының төлем мерзімі ${w.date} болатын, содан бері ${w.days} күн өтті. Төлем әлі түскен жоқ.`, 'Осы аптада төлеуіңізді немесе қашан күтуге болатынын хабарлауыңызды сұраймын.'] },
    'late-30': { subject: (w) => `${w.ref} шоты: 30 күннен астам кешікті`, body: (w) => [`Төлем мерзімі ${w.date} болған ${w.amount} сомасындағы ${w.ref} шоты ескертулеріме қарамастан ${w.days} күннен бері төленбеді. Оны ${w.deadline} дейін төлеуіңізді сұраймын.`, 'Төлем түскенше жаңа жұмыстарды тоқтата тұрамын. Төлемге бірдеңе кедергі болса, талқылайық.'] },
  },
  sq: {
    before: { subject: (w) => `Fatura ${w.ref}: afati i pagesës ${w.date}`, body: (w) => [`Ju kujtoj me mirësi se fatura ${w.ref} prej ${w.amount} duhet paguar më ${w.date}. Nëse pagesa është tashmë në rrugë, faleminderit dhe mos e merrni parasysh këtë mesazh.`] },
    due: { subject: (w) => `Fatura ${w.ref}: afati është sot`, body: (w) => [`Fatura ${w.ref} prej ${w.amount} duhet paguar sot, ${w.date}. A mund të më tregoni kur është planifikuar pagesa? Nëse ju duhet fatura sërish, më shkruani dhe jua dërgoj.`] },
    'late-7': { subject: (w) => `Fatura ${w.ref}: pagesa është vonuar`, body: (w) => [`Fatura ${w.ref} prej ${w.amount} duhej paguar më ${w.date} dhe tani është ${w.days} ditë me vonesë; pagesa ende nuk ka mbërritur.`, 'Ju lutem ta kryeni këtë javë, ose më tregoni kur ta pres.'] },
    'late-30': { subject: (w) => `Fatura ${w.ref}: mbi 30 ditë me vonesë`, body: (w) => [`Fatura ${w.ref} prej ${w.amount}, me afat ${w.date}, është ende e papaguar pas ${w.days} ditësh, pavarësisht kujtesave të mëparshme. Ju lutem ta paguani deri më ${w.deadline}.`, 'Deri në pagesë, punët e reja mbeten të pezulluara. Nëse diçka e pengon pagesën, le ta diskutojmë.'] },
  },
  tl: {
    before: { subject: (w) => `Invoice ${w.ref}: due sa ${w.date}`, body: (w) => [`Paalala lang po na ang invoice ${w.ref} na ${w.amount} ay due sa ${w.date}. Kung naipadala na po ang bayad, salamat po, at huwag na pong pansinin ang mensaheng ito.`] },
    due: { subject: (w) => `Invoice ${w.ref}: due ngayong araw`, body: (w) => [`Ang invoice ${w.ref} na ${w.amount} ay due ngayong araw, ${w.date}. Maaari po bang malaman kung kailan ang nakaplanong bayad? Kung kailangan ninyo ulit ang invoice, sabihan lang po ninyo ako.`] },
    'late-7': { subject: (w) => `Invoice ${w.ref}: lampas na sa takdang petsa`, body: (w) => [`Ang invoice ${w.ref} na ${w.amount} ay due noong ${w.date} at ${w.days} araw na itong lampas sa takdang petsa. Hindi ko pa po natatanggap ang bayad.`, 'Maaari po bang maayos ito ngayong linggo, o ipaalam kung kailan ko ito maaasahan?'] },
    'late-30': { subject: (w) => `Invoice ${w.ref}: mahigit 30 araw nang lampas`, body: (w) => [`Ang invoice ${w.ref} na ${w.amount}, na due noong ${w.date}, ay hindi pa rin bayad pagkalipas ng ${w.days} araw, sa kabila ng mga naunang paalala. Pakibayaran po ito hanggang ${w.deadline}.`, 'Habang hindi pa ito bayad, ipagpapaliban ko muna ang anumang bagong trabaho. Kung may problema sa pagbabayad, pag-usapan po natin.'] },
  },
};

/** The reminder draft for one stage, written in the client's language. */
export function paymentReminderText(stage: ReminderStage, f: ReminderFacts, language: ReplyLanguage): { subject: string; text: string } {
  const deadline = DateTime.fromISO(f.today, { zone: 'utc' }).plus({ days: 7 }).toISODate()!;
  const w: Words = { ref: f.reference, amount: money(f.amount, f.currency, language), date: longDate(f.dueOn, language), days: Math.max(0, f.daysLate), deadline: longDate(deadline, language) };
  const t = TEXTS[language][stage];
  return { subject: t.subject(w), text: letter(language, f.clientName, t.body(w), f.userName) };
}
