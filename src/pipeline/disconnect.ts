import { deleteAccount, type AccountRow } from '../storage/accounts.js';
import { logActivity } from '../storage/activity.js';
import type { PipelineContext } from './context.js';

/**
 * Stops the watches and deletes the account with its tokens. Revocation and watch removal are
 * best effort: a mailbox whose access is already gone must still be removable.
 */
export async function disconnectAccount(ctx: PipelineContext, account: AccountRow, revoke: (account: AccountRow) => Promise<void>): Promise<void> {
  try {
    const provider = await ctx.providers(account);
    if (account.watch) await provider.stopWatch(account.watch).catch(() => {});
    if (account.calendar_watch) await provider.calendar?.stopCalendarWatch(account.calendar_watch).catch(() => {});
    await revoke(account).catch(() => {});
  } catch (err) {
    ctx.logger.warn({ accountId: account.id, err: (err as Error).message }, 'could not reach the provider while disconnecting');
  }
  await deleteAccount(ctx.db, account.user_id, account.id);
  await logActivity(ctx.db, { userId: account.user_id, kind: 'account.disconnected', summary: `Disconnected ${account.address}. Its tokens were deleted.`, at: ctx.now() });
}
