import { negated, phrases, type PhraseTable } from './phrases.js';
import type { Signal } from './types.js';

/** Choices, approvals, changes of mind and agreed terms ("let's go with B", "окончательное решение"). */
const TABLE: PhraseTable = {
  en: [
    "let'?s go with|we'?ll go with|we'?re going with|go ahead with|we'?ll take option|we decided|we'?ve decided|i'?ve decided|i decided",
    'final decision|final answer|(?:option|variant|version) \\p{L}{1,2} it is|(?:we|i) (?:chose|choose|picked|pick)(?! up)',
    "(?:it'?s|is|are|all) approved|i approve|we approve|approved (?:the|it|option|version)|you have (?:my|our) approval|signed off on|sign off on",
    "changed (?:my|our) minds?|(?:we|i) agree (?:on|to) (?:the|a|\\p{N})|agreed:? (?:the )?(?:price|budget|date|deadline|scope)",
  ],
  ru: [
    'давайте (?:остановимся на|выберем|возьмём|возьмем|сделаем вариант)|остановимся на|остановились на|выбираем|мы выбрали|я выбрал\\p{L}*',
    'мы решили|я решил\\p{L}*|решено|окончательное решение|утверждаю|утвердили|утверждено|согласовываю|согласовано|одобряю|одобрено',
    'передумал\\p{L}*|берём вариант|берем вариант|делаем вариант|договорились о (?:цене|сроке|сроках|бюджете)',
  ],
  kk: [
    'таңдаймыз|таңдадық|таңдадым|шештік|шештім|шешім қабылдадық|түпкілікті шешім|соңғы шешім',
    'бекітемін|бекіттік|бекітілді|мақұлдаймын|мақұлдадық|келістік|ойымды өзгерттім|ойымызды өзгерттік|нұсқасын аламыз',
  ],
  sq: [
    'po shkojmë me|shkojmë me|vendosëm|kemi vendosur|kam vendosur|vendim përfundimtar|vendimi përfundimtar',
    'e miratoj|e miratoi|e miratuan|u miratua|e aprovoi|e miratojmë|e miratuam|është miratuar|aprovojmë|e aprovoj|zgjedhim|zgjodhëm|zgjodha|ndryshova mendje|ndryshuam mendje',
  ],
  tl: [
    // "ang final na PDF" is "the final PDF" (na links an adjective to its noun), not a decision.
    'piliin natin|pinili namin|pinili ko|napagpasyahan|nagdesisyon|desisyon namin|(?<!(?:ang|yung|iyong|ng|sa|mga)\\s+)(?:final|pinal) na',
    'aprubado|inaprubahan|aprub na|ituloy na natin|go na tayo|nagbago ang isip|nagbago isip|iyon na ang',
  ],
};

const DECISION = phrases(TABLE, { unless: negated });

export function decisionSignal(text: string): Signal | null {
  const found = DECISION.find(text);
  return found ? { code: 'decision', text: 'A decision or approval: worth a written recap', evidence: found.words } : null;
}
