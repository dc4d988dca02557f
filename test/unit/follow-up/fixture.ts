import { DateTime } from 'luxon';
import type { ConversationMessage } from '../../../src/domain/follow-up/conversation.js';
import { parseSettings } from '../../../src/domain/settings-validate.js';
import type { Settings } from '../../../src/domain/settings.js';

export const ZONE = 'America/New_York';
const nineToFive = [{ start: '09:00', end: '17:00' }];

/** A 9–17 Monday–Friday week in New York with US public holidays, and one listed client. */
export function settings(extra: Record<string, unknown> = {}): Settings {
  return parseSettings({
    timeZone: ZONE,
    name: 'Ana',
    week: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
    holidays: { enabled: true, country: 'US' },
    addresses: ['me@studio.example'],
    clients: [{ id: 'acme', name: 'Acme', domains: ['acme.com'], language: 'ru' }],
    silence: { thresholdDays: 2, quietClientDays: 5 },
    ...extra,
  });
}

/** A wall-clock time in New York. */
export const ny = (local: string): DateTime => DateTime.fromISO(local, { zone: ZONE });
export const iso = (local: string): string => ny(local).toUTC().toISO()!;

export function out(thread: string, local: string, to = 'boss@acme.com', subject = 'Logo drafts'): ConversationMessage {
  return { accountId: 'a1', threadId: thread, direction: 'out', from: 'me@studio.example', recipients: [to], clientId: null, subject, at: iso(local), automated: false };
}

export function inbound(thread: string, local: string, opts: Partial<ConversationMessage> = {}): ConversationMessage {
  return { accountId: 'a1', threadId: thread, direction: 'in', from: 'boss@acme.com', recipients: ['me@studio.example'], clientId: 'acme', subject: 'Re: Logo drafts', at: iso(local), automated: false, ...opts };
}
