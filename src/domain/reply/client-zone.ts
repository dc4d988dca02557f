import { DateTime } from 'luxon';
import type { MessageMeta } from '../message.js';
import type { Client } from '../settings.js';

/**
 * The client's time zone: the client's own setting, else the fixed UTC offset in the message's
 * Date header (RFC 5322 §3.3), else null. `+0000` and `-0000` say nothing: RFC 5322 defines
 * `-0000` as "no information", and servers such as Exchange Online stamp `+0000` for everyone.
 */
const OFFSET = /([+-])(\d{2})(\d{2})\s*(?:\([^)]*\)\s*)?$/;

export function offsetZoneOfDateHeader(dateHeader: string | null): string | null {
  if (!dateHeader) return null;
  const m = OFFSET.exec(dateHeader.trim());
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if ((hours === 0 && minutes === 0) || hours > 14 || minutes > 59) return null;
  return `UTC${m[1]}${m[2]}:${m[3]}`;
}

export function clientZone(message: MessageMeta, client: Client | null): string | null {
  if (client?.timeZone) return client.timeZone;
  return offsetZoneOfDateHeader(message.dateHeader);
}

/** Whether two zones show the same wall clock at `at` (then naming both only adds noise). */
export function sameClock(a: string, b: string, at: DateTime): boolean {
  const x = at.setZone(a);
  const y = at.setZone(b);
  return x.isValid && y.isValid && x.offset === y.offset;
}
