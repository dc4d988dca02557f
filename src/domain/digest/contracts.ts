import type { Line, Section } from './sections.js';
import { plural } from './words.js';

/** Clients with work going on (mail in the last two weeks) and no signed contract (issue 20). */
export interface ContractDigestRow {
  client: string;
  status: 'none' | 'sent' | 'expired';
  /** When it was sent or ended, as a local date; null for none. */
  since: string | null;
  messages: number;
  /** The client's own words when they said no contract was needed. */
  refusal: string | null;
}

export const contractsAreEmpty = (rows: ContractDigestRow[] | undefined): boolean => !rows || rows.length === 0;

const STATUS: Record<ContractDigestRow['status'], (since: string | null) => string> = {
  none: () => 'no contract',
  sent: (since) => `a contract sent${since ? ` on ${since}` : ''} but not signed`,
  expired: (since) => `a contract that ended${since ? ` on ${since}` : ''}`,
};

export function contractsSection(rows: ContractDigestRow[] | undefined): Section | null {
  if (!rows || rows.length === 0) return null;
  const lines: Line[] = rows.map((r) => ({
    text: `${r.client}: work is going on (${plural(r.messages, 'message')} in two weeks) with ${STATUS[r.status](r.since)}.`,
    ...(r.refusal ? { note: `they said: “${r.refusal}”` } : {}),
  }));
  return { id: 'contracts', title: 'Working without a signed contract', lines };
}
