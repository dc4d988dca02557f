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
  // Kazakh: first person future endings (-мын/-мін, -мыз/-міз); not after д/т, where the same
  // ending is "I am at" ("кездесулердемін": I am in meetings), nor in the negative future with
  // -ма/-ме/-ба/-бе/-па/-пе ("болмаймын": I won't be there, not a promise)
  '\\p{L}{2,}(?<![дт])(?:амын|емін|аймын|ейімін|еймін|ймын|ймін|амыз|еміз|аймыз|ейміз|ймыз|йміз)(?<![мбп][ае]й(?:мын|мін|мыз|міз))',
  // Albanian: "do të" / "do ta" / "do t'i" + a first person verb ("do ta paguaj", "do t'i përgatisim")
  "do (?:t[ëe]|ta|t['’]\\p{L}*|i) \\p{L}*(?:j|jmë|jme|im|m)",
  // Tagalog: future (reduplicated) verbs with the first person
  '(?:i|ma|mag|ipa|pa|ka)?-?(\\p{L}{1,3})\\1\\p{L}+\\s+(?:ko|namin|ako|kami)|(?:i|ipa|ma|mag)?\\p{L}{0,2}-\\p{L}+\\s+(?:ko|namin)|(?:ko|ako|kami|namin)\\s+(?:i|ma|mag|ipa|pa)?-?(\\p{L}{1,3})\\2\\p{L}+',
];

export const PROMISE = new RegExp(SOURCES.map((s) => `(?<![\\p{L}])(?:${s})(?![\\p{L}])`).join('|'), 'iu');
