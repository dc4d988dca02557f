import type { ReplyLanguage } from '../../src/domain/settings.js';
import type { CorpusEntry } from './types.js';

/**
 * Held out: written after the second batch (held-out-2.ts) taught the "lease / loan contract" and
 * Tagalog "ang final na …" rules, and never used to tune them. Decisions, contracts and their
 * near-misses, which the recap and contract-status features act on.
 */
export const THIRD_HELD_OUT: Record<ReplyLanguage, CorpusEntry[]> = {
  en: [
    { id: 'h3-en-1', subject: 'Logo', body: 'We talked it over and we are going with the dark logo.', expect: ['decision'] },
    { id: 'h3-en-2', subject: 'Budget', body: 'Agreed: the budget is 2,400 euros for both pages.', expect: ['decision'] },
    { id: 'h3-en-3', subject: 'Contract', body: 'I signed the contract last night, you should have it now.', expect: ['contract-mention'] },
    { id: 'h3-en-4', subject: 'Start', body: 'Honestly we do not need a contract, just start whenever you can.', expect: ['contract-refusal'] },
    { id: 'h3-en-nm-1', subject: 'Flat', body: 'The rental contract for our flat needs renewing, so I am slow this week.', expect: [], nearMiss: ['contract-mention'] },
    { id: 'h3-en-nm-2', subject: 'Draft', body: 'Could you send the final version of the flyer?', expect: [], nearMiss: ['decision'] },
  ],
  ru: [
    { id: 'h3-ru-1', subject: 'Логотип', body: 'Посовещались и остановились на тёмном логотипе.', expect: ['decision'] },
    { id: 'h3-ru-2', subject: 'Бюджет', body: 'Мы решили: бюджет 2400 евро за обе страницы.', expect: ['decision'] },
    { id: 'h3-ru-3', subject: 'Договор', body: 'Подписал договор вчера вечером, скан во вложении.', expect: ['contract-mention'] },
    { id: 'h3-ru-4', subject: 'Старт', body: 'Да не нужен никакой договор, начинайте, когда сможете.', expect: ['contract-refusal'] },
    { id: 'h3-ru-nm-1', subject: 'Квартира', body: 'Продлеваем договор аренды квартиры, поэтому на этой неделе я медленнее.', expect: [], nearMiss: ['contract-mention'] },
    { id: 'h3-ru-nm-2', subject: 'Макет', body: 'Пришлите, пожалуйста, финальную версию флаера.', expect: [], nearMiss: ['decision'] },
  ],
  sq: [
    { id: 'h3-sq-1', subject: 'Logoja', body: 'E diskutuam dhe po shkojmë me logon e errët.', expect: ['decision'] },
    { id: 'h3-sq-2', subject: 'Buxheti', body: 'Kemi vendosur: buxheti është 2400 euro për të dyja faqet.', expect: ['decision'] },
    { id: 'h3-sq-3', subject: 'Kontrata', body: 'E nënshkrova kontratën mbrëmë, duhet ta keni tani.', expect: ['contract-mention'] },
    { id: 'h3-sq-4', subject: 'Fillimi', body: 'Sinqerisht nuk na duhet kontratë, filloni kur të mundeni.', expect: ['contract-refusal'] },
    { id: 'h3-sq-nm-1', subject: 'Banesa', body: 'Po rinovojmë kontratën e qirasë së banesës, ndaj jam më i ngadaltë këtë javë.', expect: [], nearMiss: ['contract-mention'] },
    { id: 'h3-sq-nm-2', subject: 'Fletëpalosja', body: 'A mund të dërgoni versionin përfundimtar të fletëpalosjes?', expect: [], nearMiss: ['decision'] },
  ],
  tl: [
    { id: 'h3-tl-1', subject: 'Logo', body: 'Napag-usapan namin at pinili namin ang madilim na logo.', expect: ['decision'] },
    { id: 'h3-tl-2', subject: 'Budget', body: 'Final na po: 2,400 euro para sa dalawang pahina.', expect: ['decision'] },
    { id: 'h3-tl-3', subject: 'Kontrata', body: 'Pinirmahan ko na ang kontrata kagabi, nasa inyo na dapat.', expect: ['contract-mention'] },
    { id: 'h3-tl-4', subject: 'Simula', body: 'Hindi na kailangan ng kontrata, simulan niyo na lang kapag kaya niyo.', expect: ['contract-refusal'] },
    { id: 'h3-tl-nm-1', subject: 'Apartment', body: 'Nire-renew namin ang kontrata ng upa sa apartment, kaya mabagal ako ngayong linggo.', expect: [], nearMiss: ['contract-mention'] },
    { id: 'h3-tl-nm-2', subject: 'Flyer', body: 'Pakipadala po yung final na bersyon ng flyer.', expect: [], nearMiss: ['decision'] },
  ],
  kk: [
    { id: 'h3-kk-1', subject: 'Логотип', body: 'Ақылдасып, қара логотипті таңдадық.', expect: ['decision'] },
    { id: 'h3-kk-2', subject: 'Бюджет', body: 'Шештік: екі бетке бюджет 2400 еуро.', expect: ['decision'] },
    { id: 'h3-kk-3', subject: 'Келісімшарт', body: 'Кеше кешке келісімшартқа қол қойдым, сізге жетуі керек.', expect: ['contract-mention'] },
    { id: 'h3-kk-4', subject: 'Бастау', body: 'Келісімшарттың қажеті жоқ, қолыңыз босағанда бастаңыз.', expect: ['contract-refusal'] },
    { id: 'h3-kk-nm-1', subject: 'Пәтер', body: 'Пәтер жалдау келісімшартын жаңартып жатырмыз, сондықтан осы аптада баяумын.', expect: [], nearMiss: ['contract-mention'] },
    { id: 'h3-kk-nm-2', subject: 'Флаер', body: 'Флаердің соңғы нұсқасын жіберіңізші.', expect: [], nearMiss: ['decision'] },
  ],
};
