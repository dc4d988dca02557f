import type { FastifyReply, FastifyRequest } from 'fastify';
import { layout } from './layout.js';
import { html } from './html.js';

/** A person's browser (not a script or the API client) asked for this page. */
export function wantsPage(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0] ?? '';
  return /text\/html/.test(req.headers.accept ?? '') && !path.startsWith('/api/') && !path.startsWith('/webhooks/');
}

/** An error as a page in the app's frame, for browsers; scripts keep getting JSON. */
export function sendErrorPage(req: FastifyRequest, reply: FastifyReply, status: number, title: string, text: string) {
  const body = html`<section class="card"><p>${text}</p><p><a class="button" href="/">Go to Boundary's start page</a></p></section>`;
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(layout({ user: req.user ?? null, csrfToken: req.webSession?.csrfToken ?? null }, { title, path: '', body }));
}

/** The "no such page" answer, the same for an unknown path and a page the caller may not see. */
export function sendNotFound(req: FastifyRequest, reply: FastifyReply) {
  const path = req.url.split('?')[0] ?? '';
  if (wantsPage(req)) return sendErrorPage(req, reply, 404, 'Page not found', `There is no page at ${path}. It may have moved, or the link may be mistyped.`);
  return reply.status(404).send({ error: 'not_found', message: `No route ${req.method} ${path}` });
}
