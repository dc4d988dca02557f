import { DateTime } from 'luxon';
import type { Section } from './sections.js';
import type { DigestAbusiveRow, DigestInboundRow } from './types.js';

/**
 * Abusive mail leads the digest (issue 18): it was not answered, and the user should see it
 * before anything routine. Read from the decision's reasons, where abuse always names itself
 * after hours, and from the signals stored with the message, which also catch it within hours.
 */
export interface AbuseItem {
  sender: string;
  subject: string;
  localTime: string;
  evidence: string;
}

export function abuseItems(rows: DigestInboundRow[], zone: string, abusive: DigestAbusiveRow[] = []): AbuseItem[] {
  const local = (at: string) => DateTime.fromISO(at, { zone }).setLocale('en').toFormat('ccc HH:mm');
  const decided = rows
    .filter((r) => r.sender && r.reasons.some((x) => x.code === 'abusive'))
    .map((r) => ({
      at: r.at,
      item: {
        sender: r.senderName ? `${r.senderName} <${r.sender}>` : r.sender!,
        subject: r.subject,
        localTime: local(r.at),
        evidence: /\("([^"]*)"\)/.exec(r.reasons.find((x) => x.code === 'abusive')!.message)?.[1] ?? '',
      },
    }));
  const seen = new Set(decided.map((d) => `${d.at}|${d.item.sender.replace(/^.*<|>$/g, '')}`));
  const noticed = abusive
    .filter((r) => !seen.has(`${r.at}|${r.sender}`))
    .map((r) => ({ at: r.at, item: { sender: r.sender, subject: r.subject, localTime: local(r.at), evidence: r.evidence } }));
  return [...decided, ...noticed].sort((a, b) => a.at.localeCompare(b.at)).map((x) => x.item);
}

export function abuseSection(items: AbuseItem[] | undefined): Section | null {
  if (!items || items.length === 0) return null;
  return {
    id: 'abuse',
    title: 'Abusive mail: not answered',
    intro: 'Boundary sent no polite reply to these. A calm draft that sets the line is in your drafts if you turned drafting on; answer only if and when you choose.',
    lines: items.map((i) => ({ text: `${i.sender}: "${i.subject || '(no subject)'}"`, note: `${i.localTime}${i.evidence ? `; "${i.evidence}"` : ''}` })),
  };
}
