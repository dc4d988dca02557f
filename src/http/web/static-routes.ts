import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', svg: 'image/svg+xml' };

/**
 * The stylesheet and scripts, read once at start-up. tsc does not copy them into dist/, so the
 * compiled build falls back to the source folder next to it.
 */
function staticDir(): string {
  const here = fileURLToPath(new URL('./static/', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../../../src/http/web/static/', import.meta.url));
}

export function staticRoutes() {
  return async (app: FastifyInstance) => {
    const dir = staticDir();
    const files = new Map<string, { body: string; type: string }>();
    for (const name of readdirSync(dir)) {
      const type = TYPES[name.split('.').pop() ?? ''];
      if (type) files.set(name, { body: readFileSync(`${dir}${name}`, 'utf8'), type });
    }
    // Browsers ask for /favicon.ico whatever the page says; an SVG answers where they support it.
    app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) => {
      const icon = files.get('icon.svg')!;
      return reply.type(icon.type).header('cache-control', 'public, max-age=86400').send(icon.body);
    });
    app.get('/static/:name', { schema: { hide: true } }, async (req, reply) => {
      const file = files.get((req.params as { name: string }).name);
      if (!file) return reply.status(404).type('text/plain').send('Not found');
      return reply.type(file.type).header('cache-control', 'public, max-age=300').send(file.body);
    });
  };
}
