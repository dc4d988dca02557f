const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A small page for outcomes people reach by redirect (OAuth errors, expired links). It uses the
 * app's stylesheet: the CSP allows no inline styles.
 */
export function messagePage(title: string, message: string, link: { href: string; label: string }): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)} · Boundary</title><link rel="stylesheet" href="/static/app.css"></head>
<body><main><section class="card"><h1>${escape(title)}</h1><p>${escape(message)}</p><p><a href="${escape(link.href)}">${escape(link.label)}</a></p></section></main></body></html>`;
}
