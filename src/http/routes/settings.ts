import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../storage/db.js';
import { daysOffFromIcs, IcsError } from '../../domain/hours/ics-days-off.js';
import { getSettings, putSettings, type StoredSettings } from '../../storage/settings-store.js';
import { caller } from '../auth.js';
import { ValidationError } from '../errors.js';

const SettingsResponse = Type.Object({
  settings: Type.Object({}, { additionalProperties: true, description: 'See config/settings.schema.json (clients are managed at /api/clients).' }),
  version: Type.Integer(),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A body is either the settings themselves, or what GET returns: `{settings, version, updatedAt}`.
 * With `version`, the write happens only if nobody saved since (optimistic concurrency).
 */
function unwrap(body: unknown): { settings: Record<string, unknown>; version?: number } {
  if (!isObject(body)) throw new ValidationError('The body must be a JSON object: your settings, or {"settings": {...}, "version": N}.', [{ path: '(body)', message: 'must be a JSON object' }]);
  if (!('settings' in body)) return { settings: body };
  const { settings, version, updatedAt: _readOnly, ...extra } = body;
  const issues = [];
  if (!isObject(settings)) issues.push({ path: 'settings', message: 'must be an object of settings' });
  if (version !== undefined && !(Number.isInteger(version) && (version as number) >= 0)) issues.push({ path: 'version', message: 'must be the whole number GET /api/settings returned' });
  for (const key of Object.keys(extra)) issues.push({ path: key, message: 'is not allowed beside "settings"; put settings inside "settings"' });
  if (issues.length > 0) throw new ValidationError(`Invalid settings request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  return { settings: settings as Record<string, unknown>, ...(version === undefined ? {} : { version: version as number }) };
}

const shape = (stored: StoredSettings) => ({ settings: stored.settings, version: stored.version, updatedAt: stored.updatedAt?.toISOString() ?? null });

export function settingsRoutes(deps: { db: Db; now: () => Date; onChange?: (userId: string) => Promise<void> }) {
  return async (app: FastifyInstance) => {
    const write = { onRequest: app.requireUser, schema: { tags: ['settings'], security: [{ bearer: [] }], body: Type.Object({}, { additionalProperties: true }), response: { 200: SettingsResponse } } };

    app.get('/api/settings', { onRequest: app.requireUser, schema: { tags: ['settings'], summary: 'Your settings: hours, zone, holidays, vacations, replies, digest.', security: [{ bearer: [] }], response: { 200: SettingsResponse } } }, async (req) =>
      shape(await getSettings(deps.db, caller(req).id)),
    );

    app.put('/api/settings', { ...write, schema: { ...write.schema, summary: 'Replace your settings: send them, or what GET returned with your changes. With "version", 409 if they changed meanwhile. 400 names each bad field.' } }, async (req) => {
      const { settings, version } = unwrap(req.body);
      const stored = await putSettings(deps.db, caller(req).id, settings, deps.now(), version);
      await deps.onChange?.(caller(req).id);
      return shape(stored);
    });

    app.patch('/api/settings', { ...write, schema: { ...write.schema, summary: 'Change some settings: the top-level fields you send replace those stored (e.g. {"name": "Ana"}). "version" works as for PUT.' } }, async (req) => {
      const { settings: changes, version } = unwrap(req.body);
      const userId = caller(req).id;
      const current = await getSettings(deps.db, userId);
      // Without a version, the merge is still checked against the one it was built on.
      const stored = await putSettings(deps.db, userId, { ...current.settings, ...changes }, deps.now(), version ?? current.version);
      await deps.onChange?.(userId);
      return shape(stored);
    });

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
