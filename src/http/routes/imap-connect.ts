import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../../config/load.js';
import type { PipelineContext } from '../../pipeline/context.js';
import { connectImapAccount } from '../../pipeline/imap-connect.js';
import { imapAccess } from '../../providers/registry.js';
import { AccountTakenError } from '../../storage/accounts.js';
import { countAttempt, refuseTooMany, TooManyAttemptsError, type AttemptRule } from '../attempt-limit.js';
import { caller } from '../auth.js';

const Address = Type.String({ format: 'email', maxLength: 254 });
const Host = Type.String({ minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.-]+$' });
const Endpoint = Type.Object({ host: Host, port: Type.Integer({ minimum: 1, maximum: 65535 }), secure: Type.Boolean() }, { additionalProperties: false });
const ConnectBody = Type.Object(
  {
    address: Address,
    username: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    imap: Endpoint,
    smtp: Endpoint,
    caldav: Type.Union([Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 }), Type.Null()]),
  },
  { additionalProperties: false },
);
const sec = [{ bearer: [] }];

/**
 * Connecting makes this service log in to servers a user names, and discovery makes it look up
 * DNS: both are counted per user and per source address, so no one can use Boundary to probe or
 * to guess passwords at scale.
 */
export const IMAP_CONNECT_LIMITS = {
  connect: { what: 'connection attempts', max: 10, windowMs: 15 * 60_000 },
  connectPerSource: { what: 'connection attempts', max: 30, windowMs: 15 * 60_000 },
  discover: { what: 'server look-ups', max: 60, windowMs: 15 * 60_000 },
  discoverPerSource: { what: 'server look-ups', max: 120, windowMs: 15 * 60_000 },
} satisfies Record<string, AttemptRule>;

export function imapConnectRoutes(ctx: PipelineContext, config: Config, limits = IMAP_CONNECT_LIMITS) {
  const counted = async (req: FastifyRequest, kind: 'connect' | 'discover') => {
    await countAttempt(ctx.redis, config.queuePrefix, limits[kind], [{ key: `imap-${kind}:user:${caller(req).id}`, who: 'for your account' }]);
    await countAttempt(ctx.redis, config.queuePrefix, limits[`${kind}PerSource`], [{ key: `imap-${kind}:ip:${req.ip}`, who: 'from your network address' }]);
  };
  return async (app: FastifyInstance) => {
    app.get('/api/accounts/imap/discover', {
      onRequest: app.requireUser,
      schema: { tags: ['accounts'], summary: 'Suggested IMAP, SMTP and CalDAV servers for an address (table of big providers, domain names, SRV records).', security: sec, querystring: Type.Object({ address: Address }) },
    }, async (req, reply) => {
      try {
        await counted(req, 'discover');
      } catch (err) {
        if (err instanceof TooManyAttemptsError) return refuseTooMany(reply, err);
        throw err;
      }
      return imapAccess.discoverServers((req.query as { address: string }).address);
    });

    app.post('/api/accounts/imap', {
      onRequest: app.requireUser,
      schema: { tags: ['accounts'], summary: 'Connect a mailbox over IMAP/SMTP (and CalDAV) with an app password. Every server is tried before saving.', security: sec, body: ConnectBody },
    }, async (req, reply) => {
      const body = req.body as Static<typeof ConnectBody>;
      try {
        await counted(req, 'connect');
        const account = await connectImapAccount(ctx, config, {
          userId: caller(req).id,
          address: body.address,
          ...(body.username ? { username: body.username } : {}),
          password: body.password,
          servers: { imap: body.imap, smtp: body.smtp, caldav: body.caldav },
        });
        return reply.status(201).send({ account: { id: account.id, provider: account.provider, address: account.address, status: account.status } });
      } catch (err) {
        if (err instanceof imapAccess.ImapConnectError) return reply.status(400).send({ error: 'connect_failed', step: err.step, message: err.message });
        if (err instanceof TooManyAttemptsError) return refuseTooMany(reply, err);
        if (err instanceof AccountTakenError) return reply.status(409).send({ error: 'conflict', message: err.message });
        throw err;
      }
    });
  };
}
