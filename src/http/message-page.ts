const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A small, self-contained page for outcomes people reach by redirect (OAuth errors, expired links). */
export function messagePage(title: string, message: string, link: { href: string; label: string }): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)} · Boundary</title></head>
<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2933;line-height:1.5">
<h1 style="font-size:1.4rem">${escape(title)}</h1><p>${escape(message)}</p><p><a href="${escape(link.href)}">${escape(link.label)}</a></p></body></html>`;
}
