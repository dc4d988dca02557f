const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The HTML part mirrors the text part: paragraphs at blank lines, line breaks kept. */
export function htmlOfText(text: string, language: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`)
    .join('\n');
  return `<!DOCTYPE html>\n<html lang="${escapeHtml(language)}">\n<head><meta charset="utf-8"></head>\n<body>\n${paragraphs}\n</body>\n</html>\n`;
}
