import { ProviderError, type WatchInfo } from '../providers/types.js';
import { getAccount, updateWatch } from '../storage/accounts.js';
import type { PipelineContext } from './context.js';

/** Renews an account's mail and calendar watches before they lapse. */
export async function renewWatch(ctx: PipelineContext, accountId: string): Promise<void> {
  const account = await getAccount(ctx.db, accountId);
  if (!account || account.status === 'needs-reconnect') return;
  const provider = await ctx.providers(account);
  // A removed Graph subscription can't be renewed: create a new one (then a resync catches up).
  const orRecreate = (start: () => Promise<WatchInfo>) => (err: unknown) => {
    if (err instanceof ProviderError && err.kind === 'not_found') return start();
    throw err;
  };
  if (account.watch) {
    const renewed = await provider.renewWatch(account.watch).catch(orRecreate(() => provider.startWatch()));
    await updateWatch(ctx.db, account.id, 'mail', renewed);
  }
  if (account.calendar_watch) {
    const old = account.calendar_watch;
    // Google channels can't be extended: open the new one before closing the old (duplicates are harmless).
    const renewed = provider.kind === 'microsoft' ? await provider.renewWatch(old).catch(orRecreate(() => provider.startCalendarWatch())) : await provider.startCalendarWatch();
    await updateWatch(ctx.db, account.id, 'calendar', renewed);
    if (renewed.id !== old.id) await provider.stopCalendarWatch(old).catch(() => {});
  }
}
