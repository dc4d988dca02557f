import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { findDates } from '../../../src/domain/dates/find-dates.js';
import type { ReplyLanguage } from '../../../src/domain/settings.js';

// Wednesday 25 November 2026, 10:00 in Tirana (UTC+1).
const ZONE = 'Europe/Tirane';
const NOW = DateTime.fromISO('2026-11-25T10:00:00', { zone: ZONE });

/** [text, the local day the commitment is due] */
const TABLE: Record<ReplyLanguage, Array<[string, string]>> = {
  en: [
    ['I will send it by Friday', '2026-11-27'],
    ['payment next week', '2026-12-06'],
    ['in 3 days', '2026-11-28'],
    ['by the end of the month', '2026-11-30'],
    ['tomorrow', '2026-11-26'],
    ['on December 15', '2026-12-15'],
  ],
  ru: [
    ['пришлю до пятницы', '2026-11-27'],
    ['на следующей неделе', '2026-12-06'],
    ['через 3 дня', '2026-11-28'],
    ['оплачу до конца месяца', '2026-11-30'],
    ['завтра', '2026-11-26'],
    ['к 15 декабря', '2026-12-15'],
  ],
  sq: [
    ['do ta dërgoj deri të premten', '2026-11-27'],
    ['pagesa javën e ardhshme', '2026-12-06'],
    ['për 3 ditë', '2026-11-28'],
    ['brenda tre ditëve', '2026-11-28'],
    ['deri në fund të muajit', '2026-11-30'],
    ['nesër', '2026-11-26'],
    ['neser ne mengjes', '2026-11-26'],
    ['më 15 dhjetor', '2026-12-15'],
    ['të hënën', '2026-11-30'],
  ],
  tl: [
    ['ipapadala ko bago mag-Biyernes', '2026-11-27'],
    ['magbabayad ako sa susunod na linggo', '2026-12-06'],
    ['sa loob ng 3 araw', '2026-11-28'],
    ['sa katapusan ng buwan', '2026-11-30'],
    ['bukas', '2026-11-26'],
    ['sa Disyembre 15', '2026-12-15'],
    ['sa Lunes', '2026-11-30'],
    ['hanggang Linggo', '2026-11-29'],
  ],
  kk: [
    ['жұмаға дейін жіберемін', '2026-11-27'],
    ['келесі аптада төлеймін', '2026-12-06'],
    ['3 күннен кейін', '2026-11-28'],
    ['үш күн ішінде', '2026-11-28'],
    ['ай соңына дейін', '2026-11-30'],
    ['ертең', '2026-11-26'],
    ['15 желтоқсанға дейін', '2026-12-15'],
    ['дүйсенбіде', '2026-11-30'],
  ],
};

describe('findDates', () => {
  for (const [language, rows] of Object.entries(TABLE) as Array<[ReplyLanguage, Array<[string, string]>]>) {
    describe(language, () => {
      it.each(rows)('%s → %s', (text, day) => {
        const [found] = findDates(text, { language, now: NOW, zone: ZONE });
        expect(found, `no date found in "${text}"`).toBeDefined();
        expect(found!.due.toISODate()).toBe(day);
        expect(found!.due.zoneName).toBe(ZONE);
      });
    });
  }

  it('keeps the hour when one is named', () => {
    const [found] = findDates('tomorrow at 3pm', { language: 'en', now: NOW, zone: ZONE });
    expect(found!.due.toISO()).toBe('2026-11-26T15:00:00.000+01:00');
  });

  it('reads a Tagalog "linggo" after "susunod na" as a week, not Sunday', () => {
    const [found] = findDates('sa susunod na linggo', { language: 'tl', now: NOW, zone: ZONE });
    expect(found!.text).toBe('susunod na linggo');
  });

  it('finds nothing in text without a date', () => {
    for (const [language, text] of [['sq', 'Faleminderit për punën'], ['tl', 'May tanong ako tungkol sa disenyo'], ['kk', 'Жұмысыңызға рахмет']] as const) {
      expect(findDates(text, { language, now: NOW, zone: ZONE })).toEqual([]);
    }
  });
});
