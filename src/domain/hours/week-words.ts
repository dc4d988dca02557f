/**
 * The few words describeWeek needs, per supported language (en, sq, tl, kk, ru), and city names
 * for common zones. Kept apart so translators touch one file. Day names come from Intl.
 */
export interface WeekWords {
  ownZone: (city: string) => string;
  otherZone: (hours: string) => string;
  none: string;
}

const WORDS: Record<string, WeekWords> = {
  en: { ownZone: (c) => `(${c} time)`, otherZone: (h) => `, which is ${h} your time`, none: 'no working hours' },
  sq: { ownZone: (c) => `(ora e ${c})`, otherZone: (h) => `, që është ${h} sipas orës suaj`, none: 'pa orar pune' },
  tl: { ownZone: (c) => `(oras sa ${c})`, otherZone: (h) => `, na ${h} sa oras mo`, none: 'walang oras ng trabaho' },
  kk: { ownZone: (c) => `(${c} уақыты)`, otherZone: (h) => `, яғни сіздің уақытыңыз бойынша ${h}`, none: 'жұмыс уақыты жоқ' },
  ru: { ownZone: (c) => `(время: ${c})`, otherZone: (h) => `, то есть ${h} по вашему времени`, none: 'нет рабочих часов' },
};

// CLDR exemplar cities where the English or local name differs from the IANA identifier.
const CITIES: Record<string, Partial<Record<string, string>>> = {
  'Europe/Tirane': { en: 'Tirana', sq: 'Tiranës', ru: 'Тирана', kk: 'Тирана', tl: 'Tirana' },
  'Asia/Manila': { ru: 'Манила', kk: 'Манила' },
  'Asia/Almaty': { ru: 'Алматы', kk: 'Алматы' },
  'Europe/Moscow': { en: 'Moscow', ru: 'Москва', kk: 'Мәскеу', sq: 'Moskës', tl: 'Moscow' },
  'Europe/Kiev': { en: 'Kyiv', ru: 'Киев' },
  'Europe/Kyiv': { en: 'Kyiv', ru: 'Киев' },
  'Asia/Kathmandu': { ru: 'Катманду' },
  'America/New_York': { ru: 'Нью-Йорк', kk: 'Нью-Йорк' },
  'America/Sao_Paulo': { en: 'São Paulo', ru: 'Сан-Паулу' },
  'Asia/Calcutta': { en: 'Kolkata' },
};

export function languageOf(locale: string): string {
  const lang = locale.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return lang === 'fil' ? 'tl' : lang;
}

export function wordsFor(locale: string): WeekWords {
  return WORDS[languageOf(locale)] ?? WORDS.en!;
}

export function cityOf(zone: string, locale: string): string {
  const named = CITIES[zone];
  const lang = languageOf(locale);
  return named?.[lang] ?? named?.en ?? (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

const dayNames = new Map<string, string[]>();

/** Short weekday names, Monday first. */
export function weekdayNames(locale: string): string[] {
  let names = dayNames.get(locale);
  if (names) return names;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  } catch {
    format = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'UTC' });
  }
  names = Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i)))); // 2024-01-01 was a Monday
  dayNames.set(locale, names);
  return names;
}
