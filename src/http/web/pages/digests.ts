import type { FastifyInstance, FastifyRequest } from 'fastify';
import { html, type Html } from '../html.js';

interface DigestSummary {
  date: string;
  subject?: string;
}

/**
 * The digests API belongs to the digest feature; this page reads it through `inject` with the
 * caller's own credentials, so ownership is checked by the API itself and no SQL is duplicated.
 */
export async function callApi(app: FastifyInstance, req: FastifyRequest, url: string): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (req.headers.cookie) headers.cookie = req.headers.cookie;
  if (req.headers.authorization) headers.authorization = req.headers.authorization;
  const res = await app.inject({ method: 'GET', url, headers });
  let body: unknown = null;
  try {
    body = res.json();
  } catch {
    body = null;
  }
  return { status: res.statusCode, body };
}

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function digestsPage(app: FastifyInstance, req: FastifyRequest, chosen: string | undefined): Promise<Html> {
  const list = await callApi(app, req, '/api/digests');
  if (list.status === 404) return html`<section class="card"><p class="muted">Digests are not available on this server yet.</p></section>`;
  const digests = ((list.body as { digests?: DigestSummary[] } | null)?.digests ?? []).filter((d) => DATE.test(d.date));
  if (digests.length === 0) return html`<section class="card"><p class="muted">No digest yet. The first one arrives on the morning of your next working day.</p></section>`;
  const current = chosen && digests.some((d) => d.date === chosen) ? chosen : digests[0]!.date;
  return html`
<div class="split split-narrow">
<nav class="card history" aria-label="Digest history">
  <h2>History</h2>
  <ul>${digests.map((d) => html`<li><a href="/digests?date=${d.date}"${d.date === current ? html` aria-current="page"` : ''}>${d.date}</a>${d.subject ? html` <span class="muted small">${d.subject}</span>` : ''}</li>`)}</ul>
</nav>
<section class="card grow">
  <h2>${current === digests[0]!.date ? 'Latest digest' : 'Digest'} · ${current}</h2>
  <p class="muted small">Exactly as it reached your inbox.</p>
  <iframe class="digest" src="/digests/${current}/mail" title="Digest of ${current}" sandbox></iframe>
</section>
</div>`;
}
