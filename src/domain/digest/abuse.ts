import { DateTime } from 'luxon';
import type { Section } from './sections.js';
import type { DigestInboundRow } from './types.js';

/**
 * Abusive mail leads the digest (issue 18): it was not answered, and the user should see it
 * before anything routine. Read from the decision's reasons, where abuse always names itself.
 */
export interface AbuseItem {
  sender: string;
  subject: string;
  localTime: string;
  evidence: string;
}

export function abuseItems(rows: DigestInboundRow[], zone: string): AbuseItem[] {
  return rows
    .filter((r) => r.sender && r.reasons.some((x) => x.code === 'abusive'))
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((r) => ({
      sender: r.senderName ? `${r.senderName} <${r.sender}>` : r.sender!,
      subject: r.subject,
      localTime: DateTime.fromISO(r.at, { zone }).setLocale('en').toFormat('ccc HH:mm'),
      evidence: /\("([^"]*)"\)/.exec(r.reasons.find((x) => x.code === 'abusive')!.message)?.[1] ?? '',
    }));
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
