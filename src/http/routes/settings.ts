import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../storage/db.js';
import { getSettings, putSettings } from '../../storage/settings-store.js';
import { caller } from '../auth.js';

const SettingsResponse = Type.Object({
  settings: Type.Object({}, { additionalProperties: true, description: 'See config/settings.schema.json (clients are managed at /api/clients).' }),
  version: Type.Integer(),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export function settingsRoutes(deps: { db: Db; now: () => Date; onChange?: (userId: string) => Promise<void> }) {
  return async (app: FastifyInstance) => {
    app.get('/api/settings', { onRequest: app.requireUser, schema: { tags: ['settings'], summary: 'Your settings: hours, zone, holidays, vacations, replies, digest.', security: [{ bearer: [] }], response: { 200: SettingsResponse } } }, async (req) => {
      const stored = await getSettings(deps.db, caller(req).id);
      return { settings: stored.settings, version: stored.version, updatedAt: stored.updatedAt?.toISOString() ?? null };
    });

    app.put(
      '/api/settings',
      {
        onRequest: app.requireUser,
        schema: {
          tags: ['settings'],
          summary: 'Replace your settings. Takes effect for the next decision. 400 names each bad field.',
          security: [{ bearer: [] }],
          body: Type.Object({}, { additionalProperties: true }),
          response: { 200: SettingsResponse },
        },
      },
      async (req) => {
        const stored = await putSettings(deps.db, caller(req).id, req.body, deps.now());
        await deps.onChange?.(caller(req).id);
        return { settings: stored.settings, version: stored.version, updatedAt: stored.updatedAt?.toISOString() ?? null };
      },
    );
  };
}
