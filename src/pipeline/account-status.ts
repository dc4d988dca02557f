import { getAccount, setAccountStatus } from '../storage/accounts.js';
import { logActivity } from '../storage/activity.js';
import type { PipelineContext } from './context.js';

/** What a provider failure does to the account, and what the user reads about it in Activity. */

export async function markNeedsReconnect(ctx: PipelineContext, accountId: string, reason: string): Promise<void> {
  const account = await getAccount(ctx.db, accountId);
  if (!account || account.status === 'needs-reconnect') return;
  await setAccountStatus(ctx.db, accountId, 'needs-reconnect', 'Access was revoked or expired. Reconnect the account to resume.');
  await logActivity(ctx.db, {
    userId: account.user_id,
    accountId,
    kind: 'account.needs-reconnect',
    summary: `${account.address} needs reconnecting: Boundary can no longer reach it (${reason}). Nothing is sent until you reconnect.`,
    at: ctx.now(),
  });
}

export async function recordJobFailure(ctx: PipelineContext, accountId: string, jobName: string, reason: string): Promise<void> {
  const account = await getAccount(ctx.db, accountId);
  if (!account) return;
  await logActivity(ctx.db, { userId: account.user_id, accountId, kind: 'error', summary: `${jobName} failed and will not be retried: ${reason}`, at: ctx.now() });
}
