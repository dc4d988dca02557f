import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { buildFollowUpReport } from '../../pipeline/follow-up-report.js';
import { logActivity } from '../../storage/activity.js';
import type { Db } from '../../storage/db.js';
import { closeReminder, getReminder, listReminders, type ReminderRow } from '../../storage/reminders.js';
import { effectiveSettings } from '../../storage/settings-store.js';
import { caller } from '../auth.js';
import { ConflictError, NotFoundError } from '../errors.js';

const Query = Type.Object(
  {
    status: Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('dismissed'), Type.Literal('resolved'), Type.Literal('all')], { default: 'open' }),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
);
const Id = Type.Object({ id: Type.String({ minLength: 1 }) });
const Patch = Type.Object({ status: Type.Union([Type.Literal('done'), Type.Literal('dismissed')]) }, { additionalProperties: false });
const sec = [{ bearer: [] }];

function view(r: ReminderRow) {
  return {
    id: r.id,
    kind: r.kind,
    level: r.level,
    status: r.status,
    clientId: r.client_id,
    subject: r.subject,
    title: r.title,
    detail: r.detail,
    /** Copy it into your reply if it helps; Boundary never sends it. */
    suggestedFollowUp: r.suggested_follow_up,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
  };
}

export function reminderRoutes(deps: { db: Db; now: () => Date }) {
  const { db, now } = deps;
  return async (app: FastifyInstance) => {
    const opts = (summary: string, extra: object = {}) => ({ onRequest: app.requireUser, schema: { tags: ['reminders'], summary, security: sec, ...extra } });

    app.get('/api/reminders', opts('Follow-up reminders (open by default), each with a suggested polite follow-up that is never sent for you.', { querystring: Query }), async (req) => {
      const q = req.query as { status: 'open' | 'done' | 'dismissed' | 'resolved' | 'all'; limit: number };
      return { reminders: (await listReminders(db, caller(req).id, q.status, q.limit)).map(view) };
    });

    app.patch('/api/reminders/:id', opts('Mark a reminder done or dismissed.', { params: Id, body: Patch }), async (req) => {
      const userId = caller(req).id;
      const { id } = req.params as { id: string };
      const { status } = req.body as { status: 'done' | 'dismissed' };
      const existing = await getReminder(db, userId, id);
      if (!existing) throw new NotFoundError('No such reminder');
      const closed = await closeReminder(db, userId, id, status, now());
      if (!closed) throw new ConflictError(`This reminder is already ${existing.status}.`);
      await logActivity(db, { userId, clientId: closed.client_id, kind: `reminder.${status}`, summary: `You marked "${closed.title}" ${status}.`, ref: id, at: now() });
      return { reminder: view(closed) };
    });

    app.get('/api/follow-ups', opts('The silence and expectations report right now: threads awaiting clients, quiet clients, returns after silence, your unanswered mail, agreements due or late.'), async (req) => ({
      report: await buildFollowUpReport(db, caller(req).id, now(), await effectiveSettings(db, caller(req).id)),
    }));
  };
}
