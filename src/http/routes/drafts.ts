import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config/load.js';
import type { PipelineContext } from '../../pipeline/context.js';
import { changeDrafting } from '../../pipeline/drafting.js';
import { listDraftsOfUser, type DraftRow } from '../../storage/drafts.js';
import { caller } from '../auth.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { publicAccount } from './accounts.js';

/** Issue 20: drafts Boundary left in the user's mailbox, and the per-account switch that allows them. */

const sec = [{ bearer: [] }];
const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** What the user may see of a draft: never its body (kept only until written). */
function view(d: DraftRow) {
  return {
    id: String(d.id),
    accountId: d.account_id,
    clientId: d.client_id,
    kind: d.kind,
    recipient: d.recipient,
    subject: d.subject,
    language: d.language,
    state: d.state,
    reason: d.error,
    answers: d.in_reply_to?.messageId ?? null,
    createdAt: d.created_at.toISOString(),
    writtenAt: d.written_at?.toISOString() ?? null,
  };
}

export function draftRoutes(ctx: PipelineContext, config: Config) {
  return async (app: FastifyInstance) => {
    const opts = (summary: string, extra: object = {}) => ({ onRequest: app.requireUser, schema: { tags: ['drafts'], summary, security: sec, ...extra } });

    app.get('/api/drafts', opts('Drafts Boundary wrote (or will write) into your Drafts folder for you to read, edit and send, newest first. Boundary never sends them.'), async (req) => ({
      drafts: (await listDraftsOfUser(ctx.db, caller(req).id)).map(view),
    }));

    app.put(
      '/api/accounts/:id/drafting',
      opts('Let Boundary write drafts into this mailbox, or stop. Where the mailbox needs a wider permission first (Gmail), answers 409 consent_required with consentUrl: open it in the browser to grant it.', {
        params: Id, body: Type.Object({ drafting: Type.Boolean() }, { additionalProperties: false }),
      }),
      async (req, reply) => {
        const change = await changeDrafting(ctx, config, caller(req).id, (req.params as { id: string }).id, (req.body as { drafting: boolean }).drafting);
        if (change.outcome === 'not-found') throw new NotFoundError('No such account');
        if (change.outcome === 'unsupported') throw new ConflictError(`Boundary cannot write drafts into ${change.account.address}.`);
        if (change.outcome === 'consent') {
          return reply.status(409).send({ error: 'consent_required', consentUrl: change.consentUrl,
            message: `Writing drafts into ${change.account.address} needs one more permission from your provider. Open consentUrl in your browser to grant it; until then drafting stays off.` });
        }
        return { account: publicAccount(change.account, ctx.now()) };
      },
    );
  };
}
