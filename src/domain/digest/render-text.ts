import { needsFixing } from './health.js';
import { sections } from './sections.js';
import type { DigestModel, Heatmap } from './types.js';
import { accountText, greeting, headline, heatmapSummary, plural, WEEKDAYS } from './words.js';

/** The plain-text digest: what mail clients without HTML show, and what the CLI prints. */
export function renderDigestText(m: DigestModel): string {
  const out: string[] = [greeting(m), headline(m)];
  for (const s of sections(m)) {
    out.push('', s.title.toUpperCase());
    if (s.intro) out.push(s.intro);
    for (const line of s.lines) {
      out.push(`- ${line.text}${line.note ? ` (${line.note})` : ''}`);
      if (line.suggestion) out.push(`  Suggested: "${line.suggestion}"`);
    }
    if (s.id === 'heatmap') out.push(heatmapSummary(m.heatmap), ...heatmapText(m.heatmap));
  }
  const footer = accountsFooter(m);
  if (footer) out.push('', footer);
  out.push('', '— Boundary');
  return `${out.join('\n')}\n`;
}

export function accountsFooter(m: DigestModel): string | null {
  if (m.accounts.length === 0) return 'No mailbox is connected yet: connect one and Boundary starts keeping your evenings free.';
  if (m.accounts.some(needsFixing)) return null; // already first in "Needs you today"
  const preview = m.accounts.filter((a) => a.problem === 'preview').map(accountText);
  if (preview.length > 0) return preview.join(' ');
  // Naming them tells someone with several mailboxes which ones Boundary is watching.
  return m.empty ? null : `${plural(m.accounts.length, 'account')} connected and healthy: ${listOf(m.accounts.map((a) => a.address))}.`;
}

const listOf = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

const SHADES = ['.', ':', '*', '#'];

/** A 7×24 grid in characters: '-' marks your usual hours, denser marks more messages. */
function heatmapText(h: Heatmap): string[] {
  const lines = ['     0     6     12    18    (hour)'];
  h.counts.forEach((row, d) => {
    const cells = row.map((n, hour) => (n > 0 ? SHADES[Math.min(3, Math.ceil((n / Math.max(1, h.max)) * 4) - 1)]! : h.working[d]![hour] ? '-' : ' '));
    lines.push(`${WEEKDAYS[d]}  ${cells.join('')}`);
  });
  lines.push('     (- your usual hours; . : * # more messages)');
  return lines;
}
