import type { WatchInfo } from '../providers/types.js';
import { getAccount, updateWatch } from '../storage/accounts.js';
import type { PipelineContext } from './context.js';

/** Renews an account's mail and calendar watches before they lapse. */
export async function renewWatch(ctx: PipelineContext, accountId: string): Promise<void> {
  const account = await getAccount(ctx.db, accountId);
  if (!account || account.status === 'needs-reconnect') return;
  const provider = await ctx.providers(account);
  if (account.watch) await updateWatch(ctx.db, account.id, 'mail', await provider.renewWatch(account.watch as WatchInfo));
  if (account.calendar_watch) {
    const old = account.calendar_watch as WatchInfo;
    // Google channels can't be extended: open the new one before closing the old (duplicates are harmless).
    const renewed = provider.kind === 'microsoft' ? await provider.renewWatch(old) : await provider.startCalendarWatch();
    await updateWatch(ctx.db, account.id, 'calendar', renewed);
    if (renewed.id !== old.id) await provider.stopCalendarWatch(old).catch(() => {});
  }
}
