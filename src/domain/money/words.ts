import { DateTime } from 'luxon';
import { LOCALE_OF } from '../language.js';
import type { ReplyLanguage } from '../settings.js';

/** "Best regards," in each reply language: the same closings as the automatic replies. */
export const CLOSING: Record<ReplyLanguage, string> = {
  en: 'Best regards,',
  sq: 'Me respekt,',
  tl: 'Lubos na gumagalang,',
  kk: 'Құрметпен,',
  ru: 'С уважением,',
};

/** "Hello Anna," with no name when the client's name is unknown. */
export const GREETING: Record<ReplyLanguage, (name: string | null) => string> = {
  en: (n) => (n ? `Hello ${n},` : 'Hello,'),
  sq: (n) => (n ? `Përshëndetje ${n},` : 'Përshëndetje,'),
  tl: (n) => (n ? `Magandang araw, ${n},` : 'Magandang araw po,'),
  kk: (n) => (n ? `Сәлеметсіз бе, ${n}!` : 'Сәлеметсіз бе!'),
  ru: (n) => (n ? `Здравствуйте, ${n}!` : 'Здравствуйте!'),
};

/** "EUR 1,200.00" the way the client's language writes it; an unknown code is written as given. */
export function money(amount: string | number, currency: string, language: ReplyLanguage): string {
  const value = Number(amount);
  try {
    return new Intl.NumberFormat(LOCALE_OF[language], { style: 'currency', currency, currencyDisplay: 'code' }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/** A local date (YYYY-MM-DD) written out in the client's language: "15 December 2026". */
export function longDate(date: string, language: ReplyLanguage): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale(LOCALE_OF[language]).toLocaleString(DateTime.DATE_FULL);
}

/** The letter: greeting, paragraphs, closing and the user's name. */
export function letter(language: ReplyLanguage, clientName: string | null, paragraphs: string[], userName: string): string {
  return [GREETING[language](clientName), '', ...paragraphs.flatMap((p) => [p, '']), CLOSING[language], userName].join('\n').trimEnd();
}
