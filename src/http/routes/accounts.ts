import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AccountRow } from '../../storage/accounts.js';
import { getUserAccount, listUserAccounts, setSending } from '../../storage/accounts.js';
import { logActivity } from '../../storage/activity.js';
import type { Db } from '../../storage/db.js';
import { caller } from '../auth.js';
import { NotFoundError } from '../errors.js';

const Id = Type.Object({ id: Type.String({ minLength: 1 }) });
const sec = [{ bearer: [] }];

const STATUS_WORDS: Record<string, string> = {
  active: 'Watching and replying.',
  preview: 'Watching and deciding, but sending nothing until you switch sending on.',
  'needs-reconnect': 'Boundary lost access to this mailbox. Reconnect it to resume.',
  error: 'Something is wrong with this account.',
};

/** Tokens never leave the server: this is the whole public shape of an account. */
export function publicAccount(a: AccountRow, now: Date) {
  const watch = a.watch as { expiresAt?: string } | null;
  return {
    id: a.id,
    provider: a.provider,
    address: a.address,
    status: a.status,
    statusText: a.status_reason ?? STATUS_WORDS[a.status] ?? a.status,
    sending: a.sending,
    /** Boundary may leave drafts in this mailbox (issue 20). */
    drafting: a.drafting,
    connectedAt: a.created_at.toISOString(),
    lastSyncedAt: a.last_synced_at?.toISOString() ?? null,
    syncLagSeconds: a.last_synced_at ? Math.max(0, Math.round((now.getTime() - a.last_synced_at.getTime()) / 1000)) : null,
    watchExpiresAt: watch?.expiresAt ?? null,
  };
}

export function accountRoutes(deps: { db: Db; now: () => Date; disconnect: (account: AccountRow) => Promise<void> }) {
  return async (app: FastifyInstance) => {
    const opts = (summary: string, extra: object = {}) => ({ onRequest: app.requireUser, schema: { tags: ['accounts'], summary, security: sec, ...extra } });

    app.get('/api/accounts', opts('Connected mailboxes with status, sync lag and watch expiry.'), async (req) => ({
      accounts: (await listUserAccounts(deps.db, caller(req).id)).map((a) => publicAccount(a, deps.now())),
    }));

    app.get('/api/accounts/:id', opts('One connected mailbox.', { params: Id }), async (req) => {
      const account = await getUserAccount(deps.db, caller(req).id, (req.params as { id: string }).id);
      if (!account) throw new NotFoundError('No such account');
      return { account: publicAccount(account, deps.now()) };
    });

    app.put(
      '/api/accounts/:id/sending',
      opts('Switch between preview (decide and log only) and sending.', { params: Id, body: Type.Object({ sending: Type.Boolean() }, { additionalProperties: false }) }),
      async (req) => {
        const user = caller(req);
        const { sending } = req.body as { sending: boolean };
        const account = await setSending(deps.db, user.id, (req.params as { id: string }).id, sending);
        if (!account) throw new NotFoundError('No such account');
        await logActivity(deps.db, {
          userId: user.id,
          accountId: account.id,
          kind: sending ? 'account.sending-on' : 'account.sending-off',
          summary: sending ? `Sending is on for ${account.address}: polite replies now go out.` : `${account.address} is back in preview: Boundary decides and logs, and sends nothing.`,
          at: deps.now(),
        });
        return { account: publicAccount(account, deps.now()) };
      },
    );

    app.delete('/api/accounts/:id', opts('Disconnect: stop watching, revoke access where possible, delete the tokens.', { params: Id }), async (req, reply) => {
      const account = await getUserAccount(deps.db, caller(req).id, (req.params as { id: string }).id);
      if (!account) throw new NotFoundError('No such account');
      await deps.disconnect(account);
      return reply.status(204).send();
    });
  };
}
