import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../storage/db.js';
import { daysOffFromIcs, IcsError } from '../../domain/hours/ics-days-off.js';
import { getSettings, putSettings } from '../../storage/settings-store.js';
import { ValidationError } from '../errors.js';
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

    app.post(
      '/api/settings/days-off/import',
      {
        onRequest: app.requireUser,
        schema: {
          tags: ['settings'],
          summary: 'Add days off in bulk from an iCalendar file (a holiday calendar exported from Google or Outlook, a decree list): every all-day event is a day off. Existing days are kept.',
          security: [{ bearer: [] }],
          body: Type.Object({ ics: Type.String({ minLength: 1, maxLength: 1_000_000, description: 'The .ics file text.' }) }, { additionalProperties: false }),
        },
      },
      async (req) => {
        const userId = caller(req).id;
        const { settings } = await getSettings(deps.db, userId);
        const existing = settings.holidays.days ?? [];
        let imported;
        try {
          imported = daysOffFromIcs((req.body as { ics: string }).ics, MAX_DAYS_OFF);
        } catch (err) {
          if (err instanceof IcsError) throw new ValidationError(`ics: ${err.message}`);
          throw err;
        }
        const known = new Set(existing.map((d) => d.date));
        const added = imported.filter((d) => !known.has(d.date));
        const days = [...existing, ...added].sort((a, b) => a.date.localeCompare(b.date));
        if (days.length > MAX_DAYS_OFF) throw new ValidationError(`ics: ${days.length} days off in all; at most ${MAX_DAYS_OFF} are kept`);
        const stored = await putSettings(deps.db, userId, { ...settings, holidays: { ...settings.holidays, days } }, deps.now());
        await deps.onChange?.(userId);
        return { added: added.length, days: stored.settings.holidays.days ?? [], version: stored.version };
      },
    );
  };
}

/** The schema's limit on holidays.days. */
const MAX_DAYS_OFF = 1000;
