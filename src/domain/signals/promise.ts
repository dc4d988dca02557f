/**
 * The sender promising something themselves, in the first person future: "I'll send", "пришлю",
 * "do të dërgoj", "ipapadala ko", "жіберемін". A sentence with one of these and a date to come is
 * a commitment; a demand with a date is a deadline instead.
 */
const SOURCES = [
  // English
  "i'?ll|i will|we'?ll|we will|i'?m going to|i am going to|we'?re going to|we are going to|i can (?:send|get|have|pay)|you'?ll (?:have|get|receive)|i plan to|i promise",
  // Russian: the common perfective verbs in the first person future
  '(?:при|от|вы|до|пере|за)?(?:шлю|шлём|правлю|правим|веду|ведём|плачу|платим)|оплачу|оплатим|сдам|сдадим|сделаю|сделаем|подготовлю|подготовим|верну|вернём|дам|дадим|пришлю|будет готов\\p{L}*|получите|рассчитаюсь',
  // Kazakh: first person future endings (-мын/-мін, -мыз/-міз)
  '\\p{L}{2,}(?:амын|емін|аймын|ейімін|еймін|ймын|ймін|амыз|еміз|аймыз|ейміз|ймыз|йміз)',
  // Albanian: "do të" / "do ta" / "do t'i" + verb
  "do t[ëe]|do ta|do t['’]\\p{L}*|do i",
  // Tagalog: future (reduplicated) verbs with the first person
  '(?:i|ma|mag|ipa|pa|ka)?-?(\\p{L}{1,3})\\1\\p{L}+\\s+(?:ko|namin|ako|kami)|(?:ko|ako|kami|namin)\\s+(?:i|ma|mag|ipa|pa)?-?(\\p{L}{1,3})\\2\\p{L}+',
];

export const PROMISE = new RegExp(SOURCES.map((s) => `(?<![\\p{L}])(?:${s})(?![\\p{L}])`).join('|'), 'iu');
