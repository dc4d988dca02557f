import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config/load.js';
import { jobIds } from '../../jobs/definitions.js';
import type { PipelineContext } from '../../pipeline/context.js';
import { requestMailSync } from '../../pipeline/sync-mailbox.js';
import { push } from '../../providers/registry.js';
import { ProviderError } from '../../providers/types.js';
import { findAccountByWatchId, findAccountsByWatchIds, markNotified } from '../../storage/accounts.js';
import { AccountLookup } from '../account-lookup.js';
import { attemptKey, countAttempt, refuseTooMany, tooMany, TooManyAttemptsError, type AttemptRule } from '../attempt-limit.js';
import { VerifiedTokens } from '../verified-tokens.js';

/**
 * Webhooks authenticate, enqueue and answer at once; nothing slow happens here. A request that
 * fails authentication or parsing is refused and enqueues nothing.
 */
export function webhookRoutes(ctx: PipelineContext, config: Config, verified = new VerifiedTokens()) {
  return async (app: FastifyInstance) => {
    const tags = ['webhooks'];
    const syncCalendar = (accountId: string, reason: string) => ctx.producer.add('sync-calendar', { accountId, reason }, { jobId: jobIds.syncCalendar(accountId) });
    /**
     * Pushes one mailbox may cause per minute, from any source address. Over it the answer is 429
     * with Retry-After: Pub/Sub redelivers and Graph retries for hours, and a sync is already
     * pending for a mailbox that busy, so nothing is lost.
     */
    const perMailbox: AttemptRule = { what: 'push notifications', max: config.webhooksPerMailboxPerMinute, windowMs: 60_000 };
    /** Answers 429 when any of these mailboxes is over its budget. */
    const overBudget = async (reply: FastifyReply, accountIds: Iterable<string>): Promise<boolean> => {
      try {
        for (const id of new Set(accountIds)) await countAttempt(ctx.redis, ctx.producer.prefix, perMailbox, [{ key: mailboxParty(id), who: ONE_MAILBOX }]);
        return false;
      } catch (err) {
        if (!(err instanceof TooManyAttemptsError)) throw err;
        await refuseTooMany(reply, err);
        return true;
      }
    };

    if (config.google) {
      const verifyPubsub = push.google.pubsubVerifier(config);
      const accounts = new AccountLookup(ctx.db);
      // A push storm for one mailbox needs one "last notified" write, not one per push.
      const lastNotified = new Map<string, number>();
      app.post(PUBSUB_PATH, { schema: { tags, summary: 'Gmail push via Pub/Sub (OIDC JWT authenticated).' } }, async (req, reply) => {
        const token = bearer(req);
        if (!token) return reply.status(401).send({ error: 'unauthorized', message: 'Missing Pub/Sub OIDC token' });
        // The wall clock, not the service clock: token lifetimes are real time.
        if (!verified.has(token, Date.now())) {
          try {
            await verifyPubsub(token);
          } catch (err) {
            return refuse(reply, err, 401);
          }
          verified.add(token, Date.now());
        }
        let pushed;
        try {
          pushed = push.google.decodeMailPush(req.body);
        } catch (err) {
          return refuse(reply, err, 400);
        }
        const account = await accounts.find('google', pushed.emailAddress, Date.now());
        // Unknown mailboxes are acknowledged, or Pub/Sub would redeliver them for days.
        if (account && account.status !== 'needs-reconnect') {
          const waitMs = await requestMailSync(ctx, account.id, 'push', { key: attemptKey(ctx.producer.prefix, mailboxParty(account.id)), ...perMailbox });
          if (waitMs > 0) return refuseTooMany(reply, tooMany(perMailbox, ONE_MAILBOX, waitMs));
          const at = ctx.now();
          if (at.getTime() - (lastNotified.get(account.id) ?? 0) > 30_000) {
            lastNotified.set(account.id, at.getTime());
            await markNotified(ctx.db, account.id, at);
          }
        }
        return reply.status(204).send();
      });

      app.post('/webhooks/google/calendar', { schema: { tags, summary: 'Google Calendar watch channel notifications (body-less).' } }, async (req, reply) => {
        const channelId = header(req, 'x-goog-channel-id');
        const found = channelId ? await findAccountByWatchId(ctx.db, channelId) : undefined;
        if (!found || found.kind !== 'calendar') return reply.status(404).send({ error: 'not_found', message: 'Unknown channel' });
        if (!push.google.channelTokenMatches(config, found.account.address, header(req, 'x-goog-channel-token'))) return reply.status(403).send({ error: 'forbidden', message: 'Channel token mismatch' });
        if (await overBudget(reply, [found.account.id])) return reply;
        if (header(req, 'x-goog-resource-state') !== 'sync') await syncCalendar(found.account.id, 'push');
        return reply.status(200).send();
      });
    }

    for (const path of ['/webhooks/microsoft', '/webhooks/microsoft/lifecycle']) {
      const lifecycle = path.endsWith('lifecycle');
      app.post(path, { schema: { tags, summary: lifecycle ? 'Graph subscription lifecycle events.' : 'Graph change notifications (clientState checked).' } }, async (req, reply) => {
        const validationToken = (req.query as { validationToken?: string }).validationToken;
        // Subscription handshake: echo the decoded token as text/plain within 10 s.
        if (validationToken !== undefined) return reply.status(200).type('text/plain').send(validationToken);
        let notifications;
        try {
          notifications = push.microsoft.parse(req.body);
        } catch (err) {
          return refuse(reply, err, 400);
        }
        const work: Array<() => Promise<unknown>> = [];
        // One query for the whole body: unknown ids (stale or forged) must not cost one lookup each.
        const known = await findAccountsByWatchIds(ctx.db, notifications.map((n) => n.subscriptionId));
        for (const n of notifications) {
          const found = known.get(n.subscriptionId);
          if (!found) continue;
          if (!push.microsoft.clientStateMatches(config, found.account.address, n.clientState)) return reply.status(403).send({ error: 'forbidden', message: 'clientState mismatch' });
          const id = found.account.id;
          if (n.kind === 'lifecycle') {
            if (n.lifecycleEvent === 'missed') work.push(() => requestMailSync(ctx, id, 'missed'), () => syncCalendar(id, 'missed'));
            else work.push(() => ctx.producer.add('renew-watch', { accountId: id }, { jobId: jobIds.renewWatchOnEvent(id, n.lifecycleEvent, ctx.now()) }));
            if (n.lifecycleEvent === 'subscriptionRemoved') work.push(() => requestMailSync(ctx, id, 'resubscribed'));
          } else if (found.kind === 'mail') work.push(() => requestMailSync(ctx, id, 'push'));
          else work.push(() => syncCalendar(id, 'push'));
        }
        if (work.length > 0 && (await overBudget(reply, [...known.values()].map((f) => f.account.id)))) return reply;
        for (const w of work) await w();
        return reply.status(202).send();
      });
    }
  };
}

const PUBSUB_PATH = '/webhooks/google/pubsub';
const ONE_MAILBOX = 'for one mailbox';
const mailboxParty = (accountId: string) => `push:mailbox:${accountId}`;

/** A Pub/Sub push carrying a token this process already verified (for the rate limiter's allow list). */
export const verifiedPubsubPush = (verified: VerifiedTokens) => (req: FastifyRequest): boolean => {
  if (req.routeOptions.url !== PUBSUB_PATH) return false;
  const token = bearer(req);
  return token !== null && verified.has(token, Date.now());
};

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function refuse(reply: FastifyReply, err: unknown, status: number) {
  if (err instanceof ProviderError && err.kind === 'transient') return reply.status(503).send({ error: 'unavailable', message: 'Try again shortly' });
  if (err instanceof ProviderError || err instanceof Error) return reply.status(status).send({ error: status === 401 ? 'unauthorized' : 'invalid_request', message: err.message });
  throw err;
}
