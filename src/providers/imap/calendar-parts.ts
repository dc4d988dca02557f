import type { MessageStructureObject } from 'imapflow';

/** Where a message carries iCalendar (RFC 6047 iMIP), read from its BODYSTRUCTURE alone. */

export interface CalendarPart {
  part: string;
  /** The `method` parameter, upper-case, which RFC 6047 §2.4 requires on text/calendar. */
  method: string | null;
}

/** text/calendar parts of a message; a forwarded message (message/rfc822) is not this one's. */
export function calendarParts(node: MessageStructureObject | undefined, out: CalendarPart[] = []): CalendarPart[] {
  if (!node) return out;
  const type = node.type.toLowerCase();
  if (type === 'text/calendar') out.push({ part: node.part ?? '1', method: node.parameters?.method?.toUpperCase() ?? null });
  if (type !== 'message/rfc822') for (const child of node.childNodes ?? []) calendarParts(child, out);
  return out;
}

/** File names of a message's attachments (Content-Disposition filename, else the type's name parameter). */
export function attachmentNames(node: MessageStructureObject | undefined, out: string[] = []): string[] {
  if (!node) return out;
  const name = node.dispositionParameters?.filename ?? (node.disposition ? node.parameters?.name : undefined);
  if (name) out.push(name);
  if (node.type.toLowerCase() !== 'message/rfc822') for (const child of node.childNodes ?? []) attachmentNames(child, out);
  return out;
}
