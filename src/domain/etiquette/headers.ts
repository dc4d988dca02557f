import type { HeaderMap } from '../message.js';
import { reason, type Reason } from './reasons.js';

/** Header rules. Header names in HeaderMap are lower-case; values are compared case-insensitively. */

/** RFC 3834 §2: a null reverse-path (`<>`) marks bounces, delivery reports and notifications. */
export function nullReturnPath(headers: HeaderMap): Reason | null {
  const rp = headers['return-path'];
  if (rp === undefined) return null;
  // `<>`, `< >` and an empty value all mean the null path.
  return rp.replace(/[\s<>]/g, '') === '' ? reason('null-return-path', `Return-Path is null (${rp.trim() || 'empty'}): a bounce or notification`) : null;
}

/** RFC 3462/6522 delivery status reports are machine mail even when the sender looks human. */
export function deliveryReport(headers: HeaderMap): Reason | null {
  const ct = headers['content-type'];
  return ct !== undefined && /^\s*multipart\/report\b/i.test(ct) ? reason('delivery-report', 'Content-Type is multipart/report: a delivery or read report') : null;
}

/** RFC 3834 §5: any Auto-Submitted value other than `no` (comments like `(vacation)` allowed). */
export function autoSubmitted(headers: HeaderMap): Reason | null {
  const v = headers['auto-submitted'];
  if (v === undefined) return null;
  const keyword = v.replace(/\(.*?\)/g, '').trim().toLowerCase();
  return keyword === 'no' || keyword === '' ? null : reason('auto-submitted', `Auto-Submitted: ${v.trim()}`);
}

/** Our own replies carry X-Boundary-In-Reply-To; never answer one (two Boundary users would loop). */
export function boundaryReply(headers: HeaderMap): Reason | null {
  return headers['x-boundary-in-reply-to'] !== undefined ? reason('boundary-reply', 'The message is an automatic reply sent by Boundary') : null;
}

/** RFC 2369 / RFC 2919 list headers mark list traffic. */
const LIST_HEADERS = ['list-id', 'list-unsubscribe', 'list-help', 'list-subscribe', 'list-post', 'list-owner', 'list-archive'] as const;

export function listHeader(headers: HeaderMap): Reason | null {
  for (const name of LIST_HEADERS) {
    if (headers[name] !== undefined) return reason('list-header', `Mailing-list header present: ${name}`);
  }
  return null;
}

/** Non-standard but common: Precedence bulk, list or junk (RFC 3834 §3.1.8 mentions it). */
export function precedenceBulk(headers: HeaderMap): Reason | null {
  const v = headers['precedence'];
  if (v === undefined) return null;
  const p = v.trim().toLowerCase();
  return p === 'bulk' || p === 'list' || p === 'junk' ? reason('precedence-bulk', `Precedence: ${p}`) : null;
}

/**
 * MS-OXCMAIL §2.1.3.2.20: a comma-separated token list. Pigeonhole stops on `All` and `OOF`.
 * Boundary also stops on `AutoReply`: its after-hours notice is not an Exchange OOF message, so a
 * sender who asked for no auto-replies gets none.
 */
export function suppressAutoResponse(headers: HeaderMap): Reason | null {
  const v = headers['x-auto-response-suppress'];
  if (v === undefined) return null;
  for (const raw of v.split(',')) {
    const token = raw.trim().toLowerCase();
    if (token === 'all' || token === 'oof' || token === 'autoreply') {
      return reason('suppress-auto-response', `X-Auto-Response-Suppress: ${v.trim()}`);
    }
  }
  return null;
}

export const HEADER_RULES = [nullReturnPath, deliveryReport, autoSubmitted, boundaryReply, listHeader, precedenceBulk, suppressAutoResponse] as const;
