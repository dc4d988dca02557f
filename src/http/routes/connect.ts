import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config/load.js';
import type { PipelineContext } from '../../pipeline/context.js';
import type { ProviderKind } from '../../domain/message.js';
import { finishConnect, isUserFacing, OAuthFlowError, startConnect, startFeatureConsent } from '../../pipeline/oauth-connect.js';
import { providers } from '../../providers/registry.js';
import { caller } from '../auth.js';
import { messagePage } from '../message-page.js';
import { bindStateToBrowser, forgetState, stateBelongsToBrowser, stateOf } from '../oauth-binding.js';

const Callback = Type.Object({
  code: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
  error_description: Type.Optional(Type.String()),
  scope: Type.Optional(Type.String()),
}, { additionalProperties: true });

const Start = Type.Object({
  format: Type.Optional(Type.String()),
  feature: Type.Optional(Type.String({ maxLength: 40 })),
  account: Type.Optional(Type.String({ maxLength: 100 })),
}, { additionalProperties: true });

const wantsJson = (req: FastifyRequest) => (req.query as { format?: string }).format === 'json' || !/text\/html/.test(req.headers.accept ?? '');

export function connectRoutes(ctx: PipelineContext, config: Config) {
  const secure = config.publicUrl.startsWith('https://');
  return async (app: FastifyInstance) => {
    for (const provider of providers.oauthKinds()) {
      const { mailbox } = providers.oauth(provider);
      const callbackPath = `/connect/${provider}/callback`;
      app.get(
        `/connect/${provider}`,
        { onRequest: app.requireUser, schema: { tags: ['accounts'], summary: `Connect ${mailbox} mailbox and calendar (OAuth with PKCE). Redirects; ?format=json returns the URL. The callback must come back to the same browser (cookie) signed in as the same user. With ?feature=drafts&account=ID, asks only for what writing drafts into that connected mailbox needs (incremental consent); when nothing needs asking, drafting is simply turned on.`, security: [{ bearer: [] }], querystring: Start } },
        async (req, reply) => {
          try {
            const { feature, account: accountId, format } = req.query as { feature?: string; account?: string; format?: string };
            if (feature !== undefined || accountId !== undefined) {
              if (!feature || !accountId) throw new OAuthFlowError('Turning a feature on needs both feature and account. Start again from the Accounts page.');
              const started = await startFeatureConsent(ctx, config, provider, caller(req).id, feature, accountId);
              if ('account' in started) {
                if (format === 'json') return { account: { id: started.account.id, drafting: started.account.drafting } };
                return reply.redirect(`/accounts?drafting=${encodeURIComponent(started.account.id)}`);
              }
              bindStateToBrowser(reply, stateOf(started.url), callbackPath, secure);
              if (format === 'json') return { authorizationUrl: started.url };
              return reply.redirect(started.url);
            }
            const url = await startConnect(ctx, config, provider, caller(req).id);
            bindStateToBrowser(reply, stateOf(url), callbackPath, secure);
            if ((req.query as { format?: string }).format === 'json') return { authorizationUrl: url };
            return reply.redirect(url);
          } catch (err) {
            return fail(req, reply, err, provider);
          }
        },
      );

      app.get(callbackPath, { schema: { tags: ['accounts'], summary: `Where ${providers.oauth(provider).label} sends the user back after consent.`, querystring: Callback } }, async (req, reply) => {
        try {
          const q = req.query as Record<string, string>;
          // Checked before the state is used up, so a forged callback cannot spend a real one.
          if (!stateBelongsToBrowser(req, q.state)) {
            throw new OAuthFlowError('This connection was not started in this browser, so nothing was connected. Start again from the Accounts page.');
          }
          if (!req.user) throw new OAuthFlowError('Sign in to Boundary in this browser, then start again from the Accounts page. Nothing was connected.');
          const { account, feature } = await finishConnect(ctx, config, provider, q, req.user.id);
          forgetState(reply, callbackPath);
          if (feature) {
            if (wantsJson(req)) return reply.status(200).send({ account: { id: account.id, provider: account.provider, address: account.address, status: account.status, drafting: account.drafting } });
            return reply.redirect(`/accounts?drafting=${encodeURIComponent(account.id)}`);
          }
          if (wantsJson(req)) return reply.status(201).send({ account: { id: account.id, provider: account.provider, address: account.address, status: account.status } });
          return reply.redirect(`/accounts?connected=${encodeURIComponent(account.id)}`);
        } catch (err) {
          return fail(req, reply, err, provider);
        }
      });
    }
  };
}

function fail(req: FastifyRequest, reply: FastifyReply, err: unknown, provider: ProviderKind) {
  if (!isUserFacing(err)) throw err;
  const message = (err as Error).message;
  req.log.info({ provider, reason: message }, 'connect refused');
  if (wantsJson(req)) return reply.status(400).send({ error: 'connect_failed', message });
  return reply.status(400).type('text/html').send(messagePage('Not connected', message, { href: '/accounts', label: 'Back to accounts' }));
}
