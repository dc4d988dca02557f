import { jobIds } from '../jobs/definitions.js';
import { listAllAccounts } from '../storage/accounts.js';
import type { PipelineContext } from './context.js';
import { requestMailSync } from './sync-mailbox.js';

const DAY_MS = 86_400_000;

/**
 * Service-wide schedulers, upserted at worker start (so restarts and several workers are harmless):
 * a polling pass, because push can be dropped, and a daily watch renewal (Gmail watches last 7
 * days, Graph subscriptions just under 7). The passes enqueue per-account jobs with deterministic
 * ids, so polling and push collapse into the same job and an account is never synced twice at once.
 */
export async function upsertServiceSchedules(ctx: PipelineContext, pollIntervalSeconds: number): Promise<void> {
  await ctx.producer.schedule('poll-accounts', pollIntervalSeconds * 1000);
  await ctx.producer.schedule('renew-watches', DAY_MS);
}

export async function pollAccounts(ctx: PipelineContext): Promise<number> {
  let n = 0;
  for (const account of await listAllAccounts(ctx.db)) {
    if (account.status === 'needs-reconnect') continue;
    await requestMailSync(ctx, account.id, 'poll');
    await ctx.producer.add('sync-calendar', { accountId: account.id, reason: 'poll' }, { jobId: jobIds.syncCalendar(account.id) });
    n += 1;
  }
  return n;
}

export async function renewAllWatches(ctx: PipelineContext): Promise<number> {
  let n = 0;
  for (const account of await listAllAccounts(ctx.db)) {
    if (account.status === 'needs-reconnect' || (!account.watch && !account.calendar_watch)) continue;
    await ctx.producer.add('renew-watch', { accountId: account.id }, { jobId: jobIds.renewWatchOnDay(account.id, Math.floor(ctx.now().getTime() / DAY_MS)) });
    n += 1;
  }
  return n;
}
