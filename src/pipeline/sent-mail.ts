import { advanceSentCursor, listUserAccounts, type AccountRow } from '../storage/accounts.js';
import type { Settings } from '../domain/settings.js';
import { recordedSentSince, recordMessage } from '../storage/ledger.js';
import { effectiveSettings } from '../storage/settings-store.js';
import { ProviderError } from '../providers/types.js';
import type { PipelineContext } from './context.js';
import { recordSuggestions } from './follow-up-expectations.js';
import { reactToSentMail } from './signal-reactions.js';

/**
 * Brings the user's own sent mail into the ledger (metadata only), from where the last complete
 * read left off. Silence, "you haven't answered" and the digest need it; the inbox sync never sees
 * it. What a read gets is kept even when it stops half-way (throttled, a passing fault), and is not
 * fetched again; the cursor moves only once a read is complete, so nothing is skipped.
 */
export function refreshSentMail(ctx: PipelineContext, account: AccountRow, limit = 100): Promise<number> {
  // Senders of one account that ask while a read is under way join it: it began before they
  // asked, so it sees what they need up to one call ago, and a burst of replies doesn't list and
  // fetch the same sent messages once per sender.
  let running = inFlight.get(ctx.db);
  if (!running) inFlight.set(ctx.db, (running = new Map()));
  const current = running.get(account.id);
  if (current) return current;
  const read = readSentMail(ctx, account, limit).finally(() => running.delete(account.id));
  running.set(account.id, read);
  return read;
}

const inFlight = new WeakMap<object, Map<string, Promise<number>>>();

async function readSentMail(ctx: PipelineContext, account: AccountRow, limit: number): Promise<number> {
  if (account.status === 'needs-reconnect') return 0;
  const since = account.sent_cursor_at ?? account.baseline_at;
  // Gmail searches after the whole second before `since`: everything it can list counts as known.
  const known = await recordedSentSince(ctx.db, account.id, new Date(since.getTime() - 2_000));
  const provider = await ctx.providers(account);
  const sent = await provider.sentSince(new Date(since).toISOString(), limit, new Set(known.map((k) => k.provider_message_id)));
  // Known ones were recorded before this listing, so a complete read covers everything up to them too.
  let newest = Math.max(since.getTime(), ...known.map((k) => k.received_at.getTime()));
  let settings: Settings | undefined; // loaded once, on the first message that needs it
  for (const m of sent.messages) {
    const automated = 'x-boundary-in-reply-to' in m.headers || (m.headers['auto-submitted'] ?? 'no').toLowerCase() !== 'no';
    await recordMessage(ctx.db, account.id, m, 'out', null, automated);
    if (!automated) {
      await recordSuggestions(ctx.db, account, m, 'out', ctx.now(), (settings ??= await effectiveSettings(ctx.db, account.user_id)));
      await reactToSentMail(ctx, { account, settings, message: m });
    }
    newest = Math.max(newest, Date.parse(m.receivedAt));
  }
  if (sent.incomplete) {
    throw new ProviderError(sent.incomplete.kind, `some sent mail could not be read yet: ${sent.incomplete.reason}`, sent.incomplete.retryAfterMs);
  }
  if (newest > since.getTime()) await advanceSentCursor(ctx.db, account.id, new Date(newest));
  return sent.messages.length;
}

export async function refreshUserSentMail(ctx: PipelineContext, userId: string): Promise<void> {
  for (const account of await listUserAccounts(ctx.db, userId)) {
    await refreshSentMail(ctx, account).catch((err: Error) => ctx.logger.warn({ accountId: account.id, err: err.message }, 'could not read sent mail'));
  }
}
