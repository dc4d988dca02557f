import { ProviderError, type WatchInfo } from '../providers/types.js';
import { getAccount, updateWatch } from '../storage/accounts.js';
import type { PipelineContext } from './context.js';

/** Renews an account's mail and calendar watches before they lapse; how is each provider's own business. */
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
  const { calendar } = provider;
  if (account.calendar_watch && calendar) {
    const old = account.calendar_watch;
    // Where watches can't be extended the provider opens a new one; the old one is closed after.
    const renewed = await calendar.renewCalendarWatch(old).catch(orRecreate(() => calendar.startCalendarWatch()));
    await updateWatch(ctx.db, account.id, 'calendar', renewed);
    if (renewed.id !== old.id) await calendar.stopCalendarWatch(old).catch(() => {});
  }
}
