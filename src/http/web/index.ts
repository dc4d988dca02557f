import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Runtime } from '../../runtime.js';
import type { Html } from './html.js';
import { layout } from './layout.js';
import { accountPage } from './pages/account.js';
import { accountsPage } from './pages/accounts.js';
import { activityPage, type ActivityFilter } from './pages/activity.js';
import { clientsPage } from './pages/clients.js';
import { callApi, DATE, digestsPage } from './pages/digests.js';
import { followUpsPage } from './pages/follow-ups.js';
import { heldPage } from './pages/held.js';
import { hoursPage } from './pages/hours.js';
import { repliesPage } from './pages/replies.js';
import { previewRoutes } from './settings-preview.js';
import { signInRoutes } from './sign-in-routes.js';
import { staticRoutes } from './static-routes.js';

export { sessionResolver, webSecurity } from './security.js';

/** Pages send people without a session to the sign-in page instead of answering 401 JSON. */
async function requirePageUser(req: FastifyRequest, reply: FastifyReply) {
  if (!req.user) await reply.redirect('/login', 303);
}

/** The web app: sign-in, the pages, their static files and the preview endpoint. */
export function webRoutes(runtime: Runtime) {
  const { db } = runtime.database;
  const now = runtime.now;
  return async (app: FastifyInstance) => {
    await app.register(signInRoutes({ db, config: runtime.config, cipher: runtime.cipher, now }));
    await app.register(staticRoutes());
    await app.register(previewRoutes({ db, now }));

    const page = (path: string, title: string, script: string | undefined, body: (req: FastifyRequest) => Promise<Html>) =>
      app.get(path, { onRequest: requirePageUser, schema: { hide: true } }, async (req, reply) => {
        const content = await body(req);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(layout({ user: req.user, csrfToken: req.webSession?.csrfToken ?? null }, { title, path, body: content, ...(script ? { script } : {}) }));
      });

    app.get('/', { schema: { hide: true } }, async (req, reply) => reply.redirect(req.user ? '/accounts' : '/login', 303));
    page('/accounts', 'Accounts', 'imap-connect.js', (req) => accountsPage(db, req.user!, now(), (req.query as { connected?: string }).connected));
    page('/hours', 'Working hours', 'hours.js', (req) => hoursPage(db, req.user!, now()));
    page('/clients', 'Clients', 'clients.js', (req) => clientsPage(db, req.user!));
    page('/follow-ups', 'Follow-ups', 'follow-ups.js', (req) => followUpsPage(db, req.user!, now()));
    page('/replies', 'Replies', 'replies.js', (req) => repliesPage(db, req.user!));
    page('/held', 'Waiting to send', undefined, (req) => heldPage(db, req.user!, now()));
    page('/activity', 'Activity', undefined, (req) => activityPage(db, req.user!, req.query as ActivityFilter));
    page('/account', 'Account', 'account.js', (req) => accountPage(db, req.user!, now()));
    page('/digests', 'Digests', undefined, (req) => digestsPage(app, req, (req.query as { date?: string }).date));

    // The digest mail itself, shown in a sandboxed frame: its inline styles are allowed here only.
    app.get('/digests/:date/mail', { onRequest: requirePageUser, schema: { hide: true } }, async (req, reply) => {
      const { date } = req.params as { date: string };
      if (!DATE.test(date)) return reply.status(400).type('text/plain').send('date must be YYYY-MM-DD');
      const res = await callApi(app, req, `/api/digests/${date}`);
      const body = res.body as { html?: string; digest?: { html?: string } } | null;
      const mail = body?.html ?? body?.digest?.html;
      if (res.status !== 200 || !mail) return reply.status(res.status === 200 ? 404 : res.status).type('text/plain').send('No digest for this date.');
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox")
        .header('cache-control', 'no-store')
        .send(mail);
    });
  };
}
