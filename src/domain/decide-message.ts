import { DateTime, FixedOffsetZone } from 'luxon';
import { matchClient } from './clients.js';
import { alreadyDecided, backlog, checkEtiquette, replyWindow, type Reason, type ReplyHistory } from './etiquette/index.js';
import { reason } from './etiquette/reasons.js';
import { classifyInstant, type InstantCategory, type InstantClass } from './hours/index.js';
import type { MessageMeta } from './message.js';
import { composeReply } from './reply/compose.js';
import type { ComposedReply } from './reply/types.js';
import type { Settings } from './settings.js';
import { signalOverride, type Signal } from './signals/index.js';

export type { ReplyHistory } from './etiquette/index.js';

export interface Decision {
  action: 'auto-reply' | 'notify-only' | 'none';
  category: InstantCategory;
  client: { name: string; id?: string } | null;
  /** The first reason decides; a "no reply" always names the rule that blocked it. */
  reasons: Reason[];
  /** Present on auto-reply; composed on first read (most decisions never need it). */
  reply?: ComposedReply;
}

const UTC = FixedOffsetZone.utcInstance;

function categoryReason(cls: InstantClass, receivedAt: string, settings: Settings): Reason {
  const at = `Received ${receivedAt}`;
  switch (cls.category) {
    case 'within-hours':
      return reason('within-hours', `${at}, within working hours in ${settings.timeZone}`);
    case 'after-hours':
      return reason('after-hours', `${at}, outside working hours in ${settings.timeZone}`);
    case 'weekend':
      return reason('weekend', `${at}, on a non-working day in ${settings.timeZone}`);
    case 'holiday':
      return reason('holiday', `${at}, on a holiday${cls.holidayName ? ` (${cls.holidayName})` : ''} in ${settings.timeZone}`);
    case 'vacation':
      return reason('vacation', `${at}, during your vacation${cls.vacation ? ` ${cls.vacation.start}…${cls.vacation.end}` : ''}`);
  }
}

/**
 * Decides what Boundary does with one incoming message. Pure: `now` and the reply history come
 * in. Rules run cheapest first, and the first one that blocks a reply is reported.
 */
/**
 * `signals` are what Boundary noticed in the message (detectSignals): they inform the reply, and
 * the only one that changes the action (abuse) says so in the first reason.
 */
export function decideMessage(message: MessageMeta, settings: Settings, history: ReplyHistory, now: DateTime, signals: readonly Signal[] = []): Decision {
  const receivedMs = Date.parse(message.receivedAt);
  if (!Number.isFinite(receivedMs)) throw new Error(`message.receivedAt is not an ISO 8601 instant: '${message.receivedAt}'`);
  const nowMs = now.toMillis();
  const cls = classifyInstant(settings, DateTime.fromMillis(receivedMs, { zone: UTC }));
  const sender = message.from ?? message.replyTo[0] ?? null;
  const client = sender ? matchClient(sender, settings) : null;
  const clientRef = client ? (client.id ? { name: client.name, id: client.id } : { name: client.name }) : null;
  const result = (action: Decision['action'], why: Reason): Decision => ({ action, category: cls.category, client: clientRef, reasons: [why] });

  const blocked = alreadyDecided(history) ?? checkEtiquette(message, settings) ?? backlog(receivedMs, settings, nowMs);
  if (blocked) return result('none', blocked);
  if (!client) {
    if (settings.clientMode === 'listed') return result('none', reason('not-a-client', `${sender!.address} is not a listed client (client mode: listed)`));
    return result('none', reason('own-domain', `${sender!.address} is in one of your own domains: a colleague, not a client`));
  }
  if (cls.working) return result('none', categoryReason(cls, message.receivedAt, settings));
  if (client.vip) return result('notify-only', reason('vip', `${client.name} is a VIP: never auto-replied, always notified`));
  if (!client.autoReply) return result('notify-only', reason('auto-reply-off', `Automatic replies are off for ${client.name}`));
  // The invitation policy answers an invitation by iTIP; a plain auto-reply too would be two answers to one message.
  if (message.calendarMethod === 'REQUEST' && settings.invitationPolicy !== 'notify-only') {
    return result('none', reason('invitation-answered', `An invitation: answered through the calendar per your invitation policy (${settings.invitationPolicy})`));
  }
  const window = replyWindow(history, settings, nowMs);
  if (window) return result('none', window);

  const override = signalOverride('auto-reply', signals);
  if (override) return result(override.action, reason(override.code, override.message));

  const decision = result('auto-reply', categoryReason(cls, message.receivedAt, settings));
  let reply: ComposedReply | undefined;
  Object.defineProperty(decision, 'reply', {
    enumerable: true,
    get: () => (reply ??= composeReply(message, settings, client, now)),
  });
  return decision;
}
