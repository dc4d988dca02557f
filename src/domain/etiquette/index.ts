import type { MessageMeta } from '../message.js';
import type { Settings } from '../settings.js';
import { HEADER_RULES } from './headers.js';
import { calendarResponse, machineMarker } from './machine-markers.js';
import type { Reason } from './reasons.js';
import { noreplySender, noSender, notAddressedToUser, ownAddress, systemSender } from './senders.js';
import { spam } from './history.js';

export type { Reason, ReasonCode } from './reasons.js';
export type { ReplyHistory } from './history.js';
export { alreadyDecided, backlog, replyWindow, spam } from './history.js';
export { addressedTo, isNoreplyAddress, isSystemAddress } from './senders.js';
export { isAutoReplyOrOutOfOffice, isAutoReplySubject } from './auto-reply.js';

type Rule = (message: MessageMeta, settings: Settings) => Reason | null;

/** Message-only rules, cheapest first: label, header lookups, then address scans. */
const RULES: readonly Rule[] = [
  (m) => spam(m),
  (m) => noSender(m),
  ...HEADER_RULES.map((rule): Rule => (m) => rule(m.headers)),
  (m) => machineMarker(m.headers),
  calendarResponse,
  (m) => systemSender(m),
  (m) => noreplySender(m),
  ownAddress,
  notAddressedToUser,
];

/** The first etiquette rule that forbids an automatic reply, or null when none does. */
export function checkEtiquette(message: MessageMeta, settings: Settings): Reason | null {
  for (const rule of RULES) {
    const r = rule(message, settings);
    if (r) return r;
  }
  return null;
}

/** Every etiquette rule that forbids a reply (for `boundary explain` and the activity log). */
export function etiquetteReasons(message: MessageMeta, settings: Settings): Reason[] {
  const out: Reason[] = [];
  for (const rule of RULES) {
    const r = rule(message, settings);
    if (r) out.push(r);
  }
  return out;
}
