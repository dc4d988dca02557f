import type { User } from '../../storage/users.js';
import { html, type Html } from './html.js';

export interface PageContext {
  user: User | null;
  csrfToken: string | null;
}

const NAV = [
  ['/accounts', 'Accounts'],
  ['/hours', 'Working hours'],
  ['/clients', 'Clients'],
  ['/follow-ups', 'Follow-ups'],
  ['/replies', 'Replies'],
  ['/held', 'Waiting to send'],
  ['/activity', 'Activity'],
  ['/digests', 'Digests'],
  ['/account', 'Account'],
] as const;

/** The frame of every page. `script` names a file under /static: no inline scripts (CSP). */
export function layout(ctx: PageContext, o: { title: string; path: string; body: Html; script?: string }): string {
  const signedIn = ctx.user !== null;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · Boundary</title>
${ctx.csrfToken ? html`<meta name="csrf-token" content="${ctx.csrfToken}">` : ''}
<link rel="icon" href="/static/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
${o.script ? html`<script src="/static/${o.script}" defer></script>` : ''}
</head>
<body>
<header class="top">
  <a class="brand" href="/">Boundary</a>
  ${signedIn
    ? html`<nav>${NAV.map(([href, label]) => html`<a href="${href}"${o.path === href ? html` aria-current="page"` : ''}>${label}</a>`)}</nav>
  <form method="post" action="/logout" class="signout">
    <span class="who">${ctx.user!.email}</span>
    <input type="hidden" name="_csrf" value="${ctx.csrfToken ?? ''}">
    <button type="submit" class="link">Sign out</button>
  </form>`
    : ''}
</header>
<main>
<h1>${o.title}</h1>
${o.body}
</main>
</body>
</html>`.value;
}
