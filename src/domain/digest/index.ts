/** The daily digest: a pure model of the day, and its plain-text and HTML renderings. */
export { buildDigestModel } from './model.js';
export { renderDigestHtml } from './render-html.js';
export { renderDigestText } from './render-text.js';
export { subject as digestSubject } from './words.js';
export type * from './types.js';
