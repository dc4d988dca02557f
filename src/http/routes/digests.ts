import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../storage/db.js';
import { getDigest, listDigests } from '../../storage/digests.js';
import { caller } from '../auth.js';
import { NotFoundError } from '../errors.js';

const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'Local date YYYY-MM-DD in your time zone.' });
const ListQuery = Type.Object(
  {
    before: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'Paging: the `next` value of the previous page.' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }),
  },
  { additionalProperties: false },
);
const OneQuery = Type.Object(
  { format: Type.Union([Type.Literal('json'), Type.Literal('html'), Type.Literal('text')], { default: 'json', description: 'html and text return the rendered digest as is (for the web page and previews).' }) },
  { additionalProperties: false },
);
const sec = [{ bearer: [] }];

export function digestRoutes(deps: { db: Db }) {
  return async (app: FastifyInstance) => {
    app.get('/api/digests', { onRequest: app.requireUser, schema: { tags: ['digests'], summary: 'Your daily digests, newest first.', security: sec, querystring: ListQuery } }, async (req) => {
      const q = req.query as { before?: string; limit: number };
      const page = await listDigests(deps.db, caller(req).id, q);
      return {
        digests: page.digests.map((d) => ({ date: d.date, subject: d.subject, empty: d.empty, createdAt: d.created_at.toISOString(), sentAt: d.sent_at?.toISOString() ?? null })),
        next: page.next,
      };
    });

    app.get(
      '/api/digests/:date',
      { onRequest: app.requireUser, schema: { tags: ['digests'], summary: 'One digest: its model, text and HTML.', security: sec, params: Type.Object({ date: IsoDate }), querystring: OneQuery } },
      async (req, reply) => {
        const { date } = req.params as { date: string };
        const row = await getDigest(deps.db, caller(req).id, date);
        if (!row) throw new NotFoundError(`No digest for ${date}`);
        const { format } = req.query as { format: 'json' | 'html' | 'text' };
        if (format === 'html') return reply.type('text/html; charset=utf-8').send(row.html);
        if (format === 'text') return reply.type('text/plain; charset=utf-8').send(row.text);
        return {
          date: row.date,
          subject: row.subject,
          since: row.since.toISOString(),
          createdAt: row.created_at.toISOString(),
          sentAt: row.sent_at?.toISOString() ?? null,
          model: row.model,
          text: row.text,
          html: row.html,
        };
      },
    );
  };
}
