import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AlertDelivery } from '../../pipeline/alerts/delivery.js';
import { webhookSigningSecret } from '../../pipeline/alerts/delivery.js';
import type { PipelineContext } from '../../pipeline/context.js';
import { deletePushSubscription, listAlerts, savePushSubscription } from '../../storage/alerts.js';
import { caller } from '../auth.js';
import { NotFoundError, ValidationError } from '../errors.js';

/** Issue 18: alerts that reach the user now: what was sent, the webhook secret, Web Push subscriptions. */

const sec = [{ bearer: [] }];
const Base64Url = Type.String({ minLength: 16, maxLength: 200, pattern: '^[A-Za-z0-9_-]+=*$' });
const Subscription = Type.Object(
  { endpoint: Type.String({ minLength: 10, maxLength: 2000, pattern: '^https://' }), keys: Type.Object({ p256dh: Base64Url, auth: Base64Url }, { additionalProperties: true }) },
  { additionalProperties: true, description: "A browser's PushSubscription, as its toJSON() gives it." },
);
const Endpoint = Type.Object({ endpoint: Type.String({ minLength: 10, maxLength: 2000 }) });

export function alertRoutes(ctx: PipelineContext, delivery: AlertDelivery) {
  return async (app: FastifyInstance) => {
    const opts = (summary: string, extra: object = {}) => ({ onRequest: app.requireUser, schema: { tags: ['alerts'], summary, security: sec, ...extra } });

    app.get('/api/alerts', opts('Recent alerts (sent, waiting for quiet hours to end, failed), and how to verify webhook signatures.'), async (req) => {
      const userId = caller(req).id;
      return {
        alerts: (await listAlerts(ctx.db, userId)).map((a) => ({
          id: String(a.id), channel: a.channel, rule: a.rule, state: a.state, subject: a.payload.subject, client: a.payload.client.name,
          sendAfter: a.send_after.toISOString(), sentAt: a.sent_at?.toISOString() ?? null, error: a.error,
        })),
        webhook: { signatureHeader: 'X-Boundary-Signature', algorithm: 'HMAC-SHA256 of the raw body, hex, prefixed "sha256="', secret: webhookSigningSecret(delivery.sessionSecret, userId) },
      };
    });
    app.get('/api/alerts/push-key', opts('The VAPID public key a browser subscribes with (applicationServerKey).'), async () => ({ publicKey: (await delivery.vapid()).publicKey }));
    app.post('/api/alerts/push-subscriptions', opts('Turn on Web Push alerts in this browser.', { body: Subscription }), async (req, reply) => {
      const body = req.body as { endpoint: string; keys: { p256dh: string; auth: string } };
      try {
        new URL(body.endpoint);
      } catch {
        throw new ValidationError('endpoint is not a URL');
      }
      await savePushSubscription(ctx.db, caller(req).id, { endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth });
      return reply.status(201).send({ subscribed: true });
    });
    app.delete('/api/alerts/push-subscriptions', opts('Turn off Web Push alerts in this browser.', { body: Endpoint }), async (req, reply) => {
      if (!(await deletePushSubscription(ctx.db, (req.body as { endpoint: string }).endpoint, caller(req).id))) throw new NotFoundError('This browser was not subscribed.');
      return reply.status(204).send();
    });
  };
}
