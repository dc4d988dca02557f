/** One drill's verdict: what must hold, what was observed, and whether it held. */
export interface DrillResult {
  drill: string;
  mustHold: string;
  observed: string;
  held: boolean;
  figures: Record<string, number | string>;
}

/** A plain-text table for the terminal: one row per drill. */
export function table(results: DrillResult[]): string {
  const rows = results.map((r) => [r.held ? 'PASS' : 'FAIL', r.drill, r.mustHold, r.observed]);
  const head = ['result', 'drill', 'must hold', 'observed'];
  const widths = head.map((h, i) => Math.min(70, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const wrap = (s: string, w: number): string[] => {
    const out: string[] = [];
    let line = '';
    for (const word of s.split(' ')) {
      if (line && line.length + 1 + word.length > w) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
    return out;
  };
  const render = (cells: string[]) => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, l) => `| ${wrapped.map((w, i) => (w[l] ?? '').padEnd(widths[i]!)).join(' | ')} |`).join('\n');
  };
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [render(head), rule, ...rows.flatMap((r) => [render(r), rule])].join('\n');
}
