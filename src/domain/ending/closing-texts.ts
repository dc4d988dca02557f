import type { ReplyLanguage } from '../settings.js';

export interface ClosingTexts {
  subject: string;
  opening: string;
  youOwe: string;
  clientOwes: string;
  settled: string;
  due: string;
  closing: string;
}

/** A professional closing note, per language: thanks, what is left on each side, good wishes. */
export const CLOSING_TEXTS: Record<ReplyLanguage, ClosingTexts> = {
  en: {
    subject: 'Wrapping up our work together',
    opening: 'Thank you for the work we have done together. I am writing to let you know that I am bringing our collaboration to a close.',
    youOwe: 'Before we finish, I will complete what is still open on my side:',
    clientOwes: 'On your side, these are still open:',
    settled: 'Everything between us is settled.',
    due: 'by {date}',
    closing: 'I wish you every success with what comes next.',
  },
  ru: {
    subject: 'Завершение нашего сотрудничества',
    opening: 'Благодарю вас за нашу совместную работу. Пишу, чтобы сообщить, что я завершаю наше сотрудничество.',
    youOwe: 'Прежде чем мы закончим, я выполню то, что остаётся за мной:',
    clientOwes: 'С вашей стороны остаётся открытым:',
    settled: 'Между нами всё урегулировано.',
    due: 'до {date}',
    closing: 'Желаю вам успехов в дальнейших делах.',
  },
  kk: {
    subject: 'Бірлескен жұмысымызды аяқтау',
    opening: 'Бірлескен жұмысымыз үшін рақмет. Ынтымақтастығымызды аяқтайтынымды хабарлағым келеді.',
    youOwe: 'Аяқтамас бұрын, менің тарапымда қалғанын орындаймын:',
    clientOwes: 'Сіздің тарапыңызда әлі ашық:',
    settled: 'Арамызда барлығы реттелген.',
    due: '{date} дейін',
    closing: 'Алдағы істеріңізге сәттілік тілеймін.',
  },
  sq: {
    subject: 'Përmbyllja e bashkëpunimit tonë',
    opening: 'Ju faleminderit për punën që kemi bërë së bashku. Po ju shkruaj për t’ju njoftuar se po e përmbyll bashkëpunimin tonë.',
    youOwe: 'Para se të përfundojmë, do të kryej atë që mbetet ende nga ana ime:',
    clientOwes: 'Nga ana juaj, mbeten ende të hapura:',
    settled: 'Gjithçka mes nesh është e rregulluar.',
    due: 'deri më {date}',
    closing: 'Ju uroj suksese në hapat e ardhshëm.',
  },
  tl: {
    subject: 'Pagtatapos ng ating pagtutulungan',
    opening: 'Salamat po sa lahat ng trabahong ginawa natin nang magkasama. Sumusulat po ako upang ipaalam na tatapusin ko na ang ating pagtutulungan.',
    youOwe: 'Bago tayo magtapos, tatapusin ko ang mga natitira pa sa aking panig:',
    clientOwes: 'Sa inyong panig, bukas pa ang mga ito:',
    settled: 'Maayos na ang lahat sa pagitan natin.',
    due: 'hanggang {date}',
    closing: 'Hangad ko ang inyong tagumpay sa mga susunod ninyong proyekto.',
  },
};
