import { clientIndex } from '../clients.js';
import type { MessageMeta } from '../message.js';
import type { Settings } from '../settings.js';
import { reason, type Reason } from './reasons.js';

/** Sender and recipient rules (RFC 3834 §2, RFC 5230 §4.5, Pigeonhole's cmd-vacation.c). */

function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return (at < 0 ? address : address.slice(0, at)).toLowerCase();
}

/** Pulls bare addresses out of a raw header value such as `"A" <a@x.com>, b@y.org`. */
const ADDRESS = /[^\s<>,;:"()[\]]+@[^\s<>,;:"()[\]]+/g;
export function addressesIn(raw: string | undefined): string[] {
  if (!raw) return [];
  return (raw.match(ADDRESS) ?? []).map((a) => a.toLowerCase());
}

/**
 * Pigeonhole's system addresses: MAILER-DAEMON, LISTSERV, majordomo, anything with `-request`,
 * anything starting with `owner-`. `postmaster` is deliberately absent: it is usually a person.
 */
export function isSystemAddress(address: string): boolean {
  const local = localPart(address);
  return (
    local === 'mailer-daemon' || local === 'listserv' || local === 'majordomo' || local.includes('-request') || local.startsWith('owner-')
  );
}

/** Boundary's addition: senders that say nobody reads replies (noreply, do-not-reply, notifications). */
const NOREPLY = /^(?:no|do[-_.]?not|dont)[-_.]?reply|(?:^|[-_.+])no[-_.]?reply(?:$|[-_.+])|^bounces?(?:$|[-_.+])|(?:^|[-_.])notifications?(?:$|[-_.+])/;
export function isNoreplyAddress(address: string): boolean {
  return NOREPLY.test(localPart(address));
}

/** Addresses that stand for the sender: From, the envelope (Return-Path) and Sender. */
function senderAddresses(message: MessageMeta): string[] {
  const list = message.from ? [message.from.address.toLowerCase()] : [];
  for (const name of ['return-path', 'sender'] as const) {
    for (const a of addressesIn(message.headers[name])) if (!list.includes(a)) list.push(a);
  }
  return list;
}

export function noSender(message: MessageMeta): Reason | null {
  return message.from || message.replyTo.length > 0 ? null : reason('no-sender', 'No From or Reply-To address to answer');
}

export function systemSender(message: MessageMeta): Reason | null {
  for (const a of senderAddresses(message)) {
    if (isSystemAddress(a)) return reason('system-sender', `Sender ${a} is a system address (mailer-daemon, list robot or owner-)`);
  }
  return null;
}

export function noreplySender(message: MessageMeta): Reason | null {
  for (const a of senderAddresses(message)) {
    if (isNoreplyAddress(a)) return reason('noreply-sender', `Sender ${a} does not accept replies`);
  }
  const to = message.replyTo[0];
  if (to && isNoreplyAddress(to.address)) return reason('noreply-sender', `Reply-To ${to.address} does not accept replies`);
  return null;
}

/** RFC 3834 §2: never answer yourself; the reply would go to the user's own mailbox. */
export function ownAddress(message: MessageMeta, settings: Settings): Reason | null {
  const own = clientIndex(settings).ownAddresses;
  const from = message.from?.address.toLowerCase();
  if (from && own.has(from)) return reason('own-address', `Sender ${from} is one of your own addresses`);
  const replyTo = message.replyTo[0]?.address.toLowerCase();
  if (replyTo && own.has(replyTo)) return reason('own-address', `Reply-To ${replyTo} is one of your own addresses`);
  return null;
}

/** The user's address the message was sent to (To, Cc, Bcc, then Resent-*), or null. */
export function addressedTo(message: MessageMeta, settings: Settings): string | null {
  const own = clientIndex(settings).ownAddresses;
  for (const list of [message.to, message.cc, message.bcc]) {
    for (const a of list) {
      const key = a.address.toLowerCase();
      if (own.has(key)) return key;
    }
  }
  for (const name of ['resent-to', 'resent-cc', 'resent-bcc'] as const) {
    for (const a of addressesIn(message.headers[name])) if (own.has(a)) return a;
  }
  return null;
}

/** RFC 5230 §4.5: mail that reached the user implicitly (list, Bcc by others, forwarding) is not personal. */
export function notAddressedToUser(message: MessageMeta, settings: Settings): Reason | null {
  if (settings.addresses.length === 0) {
    return reason('not-addressed-to-user', 'settings.addresses is empty, so Boundary cannot tell whether the message was sent to you');
  }
  return addressedTo(message, settings)
    ? null
    : reason('not-addressed-to-user', 'None of your addresses is in To, Cc, Bcc or Resent-*: delivered implicitly (list, Bcc or forward)');
}
