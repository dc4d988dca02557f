import type { Address, MessageMeta } from './message.js';

/**
 * What a sender's mail may bring into Boundary's own outgoing headers. Addresses and message ids
 * are checked once, where provider data becomes a MessageMeta; anything else is dropped with a
 * reason, so a `\r\nBcc: …` hidden in an address never gets near an auto-reply.
 */

// RFC 5322 §3.2.3 atext, plus non-ASCII for internationalized addresses (RFC 6532 §3.2).
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF]+";
const DOT_ATOM = `${ATOM}(?:\\.${ATOM})*`;
// §3.2.4 quoted-string without folding white space (no CR/LF can appear in either form).
const QUOTED = '"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e\\u0080-\\uFFFF]|\\\\[\\x20-\\x7e])*"';
// §3.4.1 domain-literal, e.g. [192.0.2.1].
const LITERAL = '\\[[\\x21-\\x5a\\x5e-\\x7e]*\\]';
const ADDR_SPEC = new RegExp(`^(?:${DOT_ATOM}|${QUOTED})@(?:${DOT_ATOM}|${LITERAL})$`, 'u');
// §3.6.4 msg-id: "<" id-left "@" id-right ">", no white space inside.
const MSG_ID = new RegExp(`^<${DOT_ATOM}@(?:${DOT_ATOM}|${LITERAL})>$`, 'u');
const MAX_ADDRESS = 254; // RFC 5321 §4.5.3.1.3 path limit less the angle brackets
const MAX_MSG_ID = 998 - 'In-Reply-To: '.length;

export const isAddrSpec = (s: string): boolean => s.length <= MAX_ADDRESS && ADDR_SPEC.test(s);
export const isMsgId = (s: string): boolean => s.length <= MAX_MSG_ID && MSG_ID.test(s);

/** Headers that hold message ids and are copied into replies (In-Reply-To, References). */
const ID_HEADERS = ['in-reply-to', 'references', 'x-boundary-in-reply-to'];

/** The message with invalid addresses and ids removed, and why each one went. */
export function validMessageMeta(meta: MessageMeta): MessageMeta {
  const dropped: string[] = [];
  const keep = (field: string) => (a: Address) => {
    if (isAddrSpec(a.address)) return true;
    dropped.push(`${field}: ${JSON.stringify(a.address.slice(0, 80))} is not an RFC 5322 address`);
    return false;
  };
  const from = meta.from && keep('from')(meta.from) ? meta.from : null;
  const lists = { replyTo: meta.replyTo.filter(keep('reply-to')), to: meta.to.filter(keep('to')), cc: meta.cc.filter(keep('cc')), bcc: meta.bcc.filter(keep('bcc')) };
  let messageId = meta.messageId;
  if (messageId !== null && !isMsgId(messageId)) {
    dropped.push(`message-id: ${JSON.stringify(messageId.slice(0, 80))} is not an RFC 5322 msg-id`);
    messageId = null;
  }
  const headers = { ...meta.headers };
  for (const name of ID_HEADERS) {
    const value = headers[name];
    if (value === undefined) continue;
    const ids = value.split(/[\s,]+/).filter(Boolean);
    const good = ids.filter(isMsgId);
    if (good.length === ids.length && !/[\r\n]/.test(value)) continue;
    dropped.push(`${name}: ${ids.length - good.length || 1} invalid message id(s) removed`);
    if (good.length > 0) headers[name] = good.join(' ');
    else delete headers[name];
  }
  if (dropped.length === 0) return meta;
  return { ...meta, from, messageId, ...lists, headers, dropped };
}
