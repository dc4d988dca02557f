import { describe, expect, it } from 'vitest';
import { matchClient } from '../../../src/domain/clients.js';
import { composeReply } from '../../../src/domain/reply/compose.js';
import { REPLY_LANGUAGES, type ReplyLanguage } from '../../../src/domain/settings.js';
import { NOW, message, settingsWith } from '../../fixtures/build.js';

/**
 * Issue 15 §2: the first sentence says what is true of the moment the message arrived, in every
 * reply language. Each cell is a phrase only that moment's sentence contains.
 */
const day = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }];
const split = { mon: day, tue: day, wed: [], thu: day, fri: day, sat: [], sun: [] };
const night = [{ start: '22:00', end: '06:00' }];
const nights = { mon: night, tue: night, wed: night, thu: night, fri: night, sat: [], sun: [] };

// Tirana is UTC+1 in November 2025; 25 Nov is a Tuesday, 26 Nov a Wednesday (no hours), 28 Nov Independence Day.
const CASES = {
  'before-day': { at: '2025-11-25T06:30:00Z', week: split },
  break: { at: '2025-11-25T11:30:00Z', week: split },
  'after-day': { at: '2025-11-25T18:40:00Z', week: split },
  'between-shifts': { at: '2025-11-25T13:00:00Z', week: nights },
  weekend: { at: '2025-11-30T10:00:00Z', week: split }, // Sunday (the 29th is Liberation Day)
  'day-off': { at: '2025-11-26T09:00:00Z', week: split },
  holiday: { at: '2025-11-28T10:00:00Z', week: split },
  vacation: { at: '2025-11-20T10:00:00Z', week: split },
} as const;

const PHRASES: Record<keyof typeof CASES, Record<ReplyLanguage, string>> = {
  'before-day': { en: 'before my working day has begun', sq: 'para se të fillonte dita ime e punës', tl: 'bago magsimula ang aking oras ng trabaho', kk: 'жұмыс күнім басталмай тұрып', ru: 'до начала моего рабочего дня' },
  break: { en: 'on a break between my working hours', sq: 'gjatë një pushimi mes orëve të mia të punës', tl: 'nasa pahinga sa pagitan', kk: 'үзіліс кезінде', ru: 'во время перерыва' },
  'after-day': { en: 'after my working day had ended', sq: 'pasi kishte mbaruar dita ime e punës', tl: 'pagkatapos ng aking oras ng trabaho', kk: 'жұмыс күнім аяқталғаннан кейін', ru: 'после окончания моего рабочего дня' },
  'between-shifts': { en: 'I work a night schedule', sq: 'punoj me turne nate', tl: 'Panggabi po ang aking trabaho', kk: 'түнгі кестемен жұмыс істеймін', ru: 'по ночному графику' },
  weekend: { en: 'over the weekend', sq: 'gjatë fundjavës', tl: 'katapusan ng linggo', kk: 'демалыс күндері келді', ru: 'пришло в выходные' },
  'day-off': { en: 'one of my days off', sq: 'ditët e mia të lira', tl: 'Araw po ng aking pahinga', kk: 'Бүгін менің демалыс күнім', ru: 'Сегодня у меня выходной' },
  holiday: { en: 'public holiday', sq: 'festës zyrtare', tl: 'pista opisyal', kk: 'мереке күні', ru: 'праздничный день' },
  vacation: { en: 'away on vacation', sq: 'jam me pushime', tl: 'nagbabakasyon', kk: 'демалыстамын', ru: 'в отпуске' },
};

const rows = Object.keys(CASES).flatMap((moment) => REPLY_LANGUAGES.map((language) => [moment as keyof typeof CASES, language] as const));

describe('reply wording fits the moment (moments × languages)', () => {
  it.each(rows)('%s in %s', (moment, language) => {
    const { at, week } = CASES[moment];
    const s = settingsWith({ week, clients: [{ id: 'nadia', name: 'Nadia Client', addresses: ['nadia@client.example'], language }] });
    const m = message({ receivedAt: at });
    const text = composeReply(m, s, matchClient(m.from!, s), NOW).text;
    expect(text).toContain(PHRASES[moment][language]);
    // No other moment's sentence leaks in.
    for (const [other, phrases] of Object.entries(PHRASES)) if (other !== moment) expect(text, other).not.toContain(phrases[language]);
  });
});
