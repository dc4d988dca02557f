import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { PipelineContext } from '../../pipeline/context.js';
import { cancelHeld, sendHeldNow, type HeldAction } from '../../pipeline/held-messages.js';
import { listWaiting, type HeldRow } from '../../storage/held-messages.js';
import { getSettings, putSettings } from '../../storage/settings-store.js';
import { caller } from '../auth.js';
import { ConflictError, NotFoundError } from '../errors.js';

/** Issue 21: the user's own replies held for the working day, and what can be done with them. */

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) });
const sec = [{ bearer: [] }];
const HoldBody = Type.Object({
  enabled: Type.Boolean({ description: 'Hold drafts you mark to wait until the working day.' }),
  sendAt: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('client'), Type.Literal('both')])),
}, { additionalProperties: false });

function view(h: HeldRow) {
  return {
    id: String(h.id),
    state: h.state,
    recipient: h.recipient,
    subject: h.subject,
    clientId: h.client_id,
    /** When it goes: the user's, the client's or the shared working start. */
    sendAt: h.send_at.toISOString(),
    basis: h.basis,
    reason: h.reason,
    markedAt: h.marked_at.toISOString(),
  };
}

function outcome(result: HeldAction) {
  if (result.ok) return { held: view(result.held) };
  if (result.problem === 'not-found') throw new NotFoundError('No such held message.');
  throw new ConflictError(`This held message is already ${result.held?.state === 'sending' ? 'being sent' : result.held?.state}; there is nothing to change.`);
}

export function heldRoutes(ctx: PipelineContext) {
  return async (app: FastifyInstance) => {
    const opts = (summary: string, extra: object = {}) => ({ onRequest: app.requireUser, schema: { tags: ['held'], summary, security: sec, ...extra } });

    app.get('/api/held', opts('Your replies held for the working day, soonest first, with when each goes and why then.'), async (req) => ({
      held: (await listWaiting(ctx.db, caller(req).id)).map(view),
    }));
    app.post('/api/held/:id/send-now', opts('Send a held reply now instead of at the working start.', { params: Id }), async (req) =>
      outcome(await sendHeldNow(ctx, caller(req).id, (req.params as { id: string }).id)));
    app.put('/api/held/settings', opts('Turn holding on or off ("hold my after-hours replies to clients"), and choose whose working start a held reply waits for.', { body: HoldBody }), async (req) => {
      const userId = caller(req).id;
      const current = await getSettings(ctx.db, userId);
      const stored = await putSettings(ctx.db, userId, { ...current.settings, hold: { ...current.settings.hold, ...(req.body as object) } }, ctx.now(), current.version);
      return { hold: stored.settings.hold };
    });
    app.post('/api/held/:id/cancel', opts('Stop holding a reply: nothing is sent and the draft stays in your drafts.', { params: Id }), async (req) =>
      outcome(await cancelHeld(ctx, caller(req).id, (req.params as { id: string }).id)));
  };
}
