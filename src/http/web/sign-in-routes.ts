import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config/load.js';
import type { TokenCipher } from '../../auth/token-cipher.js';
import { ProviderError } from '../../providers/types.js';
import type { Db } from '../../storage/db.js';
import { verifyLoginLink } from '../../auth/login-link.js';
import { createSession, deleteExpiredSessions, deleteSession, useLoginLinkNonce } from '../../storage/sessions.js';
import { upsertUser } from '../../storage/users.js';
import { html } from './html.js';
import { layout } from './layout.js';
import { SESSION_COOKIE, SESSION_TTL_MS } from './security.js';
import { bindStateToBrowser, forgetState, stateBelongsToBrowser, stateOf } from '../oauth-binding.js';
import { providers } from '../../providers/registry.js';
import { finishSignIn, SignInError, startSignIn } from './sign-in-oidc.js';

export interface SignInDeps {
  db: Db;
  config: Config;
  /** Opens connected grants, to recognise a Microsoft account a user connected. */
  cipher: TokenCipher;
  now: () => Date;
}

/** Browser pages, not API: kept out of the OpenAPI document. */
const HIDDEN = { schema: { hide: true } };

function signInPage(req: FastifyRequest, config: Config, message?: string): string {
  const ctx = { user: null, csrfToken: null };
  const kinds = providers.oauthKinds().filter((p) => providers.oauth(p).configured(config));
  return layout(ctx, {
    title: 'Sign in',
    path: req.url,
    body: html`<section class="card narrow">
  ${message ? html`<p class="error" role="alert">${message}</p>` : ''}
  <p>Boundary answers client mail that arrives outside your working hours, politely and only once.</p>
  <div class="stack">
    ${kinds.map((p) => html`<a class="button" href="/login/${p}">Sign in with ${providers.oauth(p).label}</a>`)}
  </div>
  ${kinds.length === 0 ? html`<p class="muted">No sign-in provider is configured on this server.</p>` : ''}
  <p class="muted">Running your own Boundary? Print a one-time sign-in link with <code>npm run boundary -- user login-link --email you@example.com</code>.</p>
</section>`,
  });
}

/** Sign-in pages and endpoints: the provider round trips, one-time links, and signing out. */
export function signInRoutes(deps: SignInDeps) {
  return async (app: FastifyInstance) => {
    const secure = deps.config.publicUrl.startsWith('https://');

    async function startSession(reply: FastifyReply, userId: string) {
      // Expired rows are swept here, at sign-in, so no extra job is needed to keep the table small.
      await deleteExpiredSessions(deps.db, deps.now());
      const { token, expiresAt } = await createSession(deps.db, userId, deps.now(), SESSION_TTL_MS);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, secure, sameSite: 'lax', expires: expiresAt });
      return reply.redirect('/', 303);
    }

    app.get('/login', HIDDEN, async (req, reply) => {
      if (req.user) return reply.redirect('/', 303);
      return reply.type('text/html').send(signInPage(req, deps.config));
    });

    for (const provider of providers.oauthKinds()) {
      app.get(`/login/${provider}`, HIDDEN, async (req, reply) => {
        try {
          const url = await startSignIn(deps.db, deps.config, provider, deps.now());
          bindStateToBrowser(reply, stateOf(url), `/login/${provider}/callback`, secure);
          return reply.redirect(url);
        } catch (err) {
          if (!(err instanceof SignInError)) throw err;
          return reply.status(400).type('text/html').send(signInPage(req, deps.config, err.message));
        }
      });
      app.get(`/login/${provider}/callback`, HIDDEN, async (req, reply) => {
        try {
          const q = req.query as Record<string, string>;
          // A callback URL captured from someone else's flow must not sign this browser in as them.
          if (!stateBelongsToBrowser(req, q.state)) throw new SignInError('This sign-in was not started in this browser. Start again from the sign-in page.');
          const user = await finishSignIn(deps.db, deps.config, deps.cipher, provider, q, deps.now());
          const done = await startSession(reply, user.id);
          forgetState(reply, `/login/${provider}/callback`);
          return done;
        } catch (err) {
          const refused = err instanceof SignInError || (err instanceof ProviderError && err.kind === 'permanent');
          if (!refused) throw err;
          req.log.info({ provider, reason: (err as Error).message }, 'sign-in refused');
          return reply.status(400).type('text/html').send(signInPage(req, deps.config, err instanceof SignInError ? err.message : 'The sign-in could not be verified. Start again.'));
        }
      });
    }

    // A GET only shows a button: mail scanners and link previews must not use up the link.
    app.get('/login/:token', HIDDEN, async (req, reply) => {
      const { token } = req.params as { token: string };
      return reply.type('text/html').send(
        layout({ user: null, csrfToken: null }, {
          title: 'Sign in',
          path: '/login',
          body: html`<section class="card narrow">
  <p>This one-time link signs you in to Boundary. It works once and expires 15 minutes after it was printed.</p>
  <form method="post" action="/login/${token}">
    ${req.webSession ? html`<input type="hidden" name="_csrf" value="${req.webSession.csrfToken}">` : ''}
    <button type="submit" class="button">Sign in</button>
  </form>
</section>`,
        }),
      );
    });

    app.post('/login/:token', HIDDEN, async (req, reply) => {
      const { token } = req.params as { token: string };
      const claims = verifyLoginLink(deps.config.sessionSecret, token, deps.now());
      const fresh = claims ? await useLoginLinkNonce(deps.db, claims.nonce, claims.expiresAt, deps.now()) : false;
      const userId = claims && fresh ? (await upsertUser(deps.db, { email: claims.email })).id : null;
      if (!userId) return reply.status(400).type('text/html').send(signInPage(req, deps.config, 'This sign-in link has expired or was already used. Print a new one with: npm run boundary -- user login-link --email you@example.com'));
      if (req.webSession) await deleteSession(deps.db, req.webSession.idHash);
      return startSession(reply, userId);
    });

    app.post('/logout', HIDDEN, async (req, reply) => {
      if (req.webSession) await deleteSession(deps.db, req.webSession.idHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/login', 303);
    });
  };
}
