import { listUserAccounts, type AccountRow } from '../storage/accounts.js';
import { recordMessage } from '../storage/ledger.js';
import type { PipelineContext } from './context.js';
import { recordSuggestions } from './follow-up-expectations.js';

/**
 * Brings the user's own sent mail into the ledger (metadata only), from where the last pass left
 * off. Silence, "you haven't answered" and the digest need it; the inbox sync never sees it.
 */
export async function refreshSentMail(ctx: PipelineContext, account: AccountRow, limit = 100): Promise<number> {
  if (account.status === 'needs-reconnect') return 0;
  const last = await ctx.db
    .selectFrom('messages')
    .select((eb) => eb.fn.max('received_at').as('at'))
    .where('account_id', '=', account.id)
    .where('direction', '=', 'out')
    .executeTakeFirst();
  const since = (last?.at as Date | null | undefined) ?? account.baseline_at;
  const provider = await ctx.providers(account);
  const sent = await provider.sentSince(new Date(since).toISOString(), limit);
  for (const m of sent) {
    const automated = 'x-boundary-in-reply-to' in m.headers || (m.headers['auto-submitted'] ?? 'no').toLowerCase() !== 'no';
    await recordMessage(ctx.db, account.id, m, 'out', null, automated);
    if (!automated) await recordSuggestions(ctx.db, account, m, 'out', ctx.now());
  }
  return sent.length;
}

export async function refreshUserSentMail(ctx: PipelineContext, userId: string): Promise<void> {
  for (const account of await listUserAccounts(ctx.db, userId)) {
    await refreshSentMail(ctx, account).catch((err: Error) => ctx.logger.warn({ accountId: account.id, err: err.message }, 'could not read sent mail'));
  }
}
