import type { ProviderKind } from '../domain/message.js';
import { logActivity } from '../storage/activity.js';
import { saveConnectedAccount, type AccountRow } from '../storage/accounts.js';
import type { ConnectedProvider, PipelineContext } from './context.js';
import { seedCalendarTimeOff } from './calendar-time-off.js';
import { ProviderError, type WatchInfo } from '../providers/types.js';

/**
 * Everything that happens once the user granted access: read the profile, record the baselines
 * (so nothing already in the mailbox is ever answered), start the watches, and save the account
 * in preview mode. Provider calls come first and the database write last, so a failure leaves
 * nothing half-saved; a watch started before a failed save is stopped again.
 */
export async function connectAccount(
  ctx: PipelineContext,
  input: { userId: string; provider: ProviderKind; sealedTokens: string; client: ConnectedProvider; pushEnabled: boolean; pollIntervalSeconds: number },
): Promise<AccountRow> {
  const { client } = input;
  const { calendar } = client;
  const profile = await client.profile();
  const baselineAt = ctx.now();
  const [mailCursor, calendarCursor] = await Promise.all([client.baseline(), calendar ? calendar.calendarBaseline() : null]);
  const started: Array<() => Promise<void>> = [];
  let watch: WatchInfo | null = null;
  let calendarWatch: WatchInfo | null = null;
  let pushRefused: string | null = null;
  let account: AccountRow;
  try {
    if (input.pushEnabled) {
      watch = await client.startWatch().catch((err: unknown) => {
        // Refused for good (Graph could not reach PUBLIC_URL over HTTPS, a Pub/Sub topic without
        // publish rights): connect anyway and poll. Anything else, such as revoked access, fails.
        if (!(err instanceof ProviderError) || err.kind !== 'permanent') throw err;
        pushRefused = err.message;
        return null;
      });
      const w = watch;
      if (w) started.push(() => client.stopWatch(w));
      calendarWatch = !calendar ? null : await calendar.startCalendarWatch().catch((err: Error) => {
        // Calendar push needs a public HTTPS URL; polling still covers the calendar without it.
        ctx.logger.warn({ err: err.message }, 'calendar watch not started; calendar will be polled');
        return null;
      });
      const cw = calendarWatch;
      if (cw && calendar) started.push(() => calendar.stopCalendarWatch(cw));
    }
    account = await saveConnectedAccount(ctx.db, {
      userId: input.userId,
      provider: input.provider,
      address: profile.address,
      aliases: profile.aliases,
      sealedTokens: input.sealedTokens,
      mailCursor,
      calendarCursor,
      watch,
      calendarWatch,
      baselineAt,
    });
    await logActivity(ctx.db, {
      userId: input.userId,
      accountId: account.id,
      kind: 'account.connected',
      summary: `Connected ${profile.address}. Boundary starts in preview mode: it decides and logs, and sends nothing until you switch sending on. Mail already in the mailbox is never answered.`,
      at: baselineAt,
    });
    if (pushRefused) {
      await logActivity(ctx.db, {
        userId: input.userId,
        accountId: account.id,
        kind: 'account.polling',
        summary: `${profile.address} can't send Boundary instant notifications (${pushRefused}), so Boundary checks it for new mail every ${Math.round(input.pollIntervalSeconds / 60)} minutes instead. Instant notifications need PUBLIC_URL to be reachable from the internet over HTTPS.`,
        at: baselineAt,
      });
    }
  } catch (err) {
    for (const stop of started) await stop().catch(() => {});
    throw err;
  }
  // The account is saved: a calendar that can't be read now is read again at its next resync.
  if (calendar) {
    await seedCalendarTimeOff(ctx, account, calendar).catch((err: Error) => ctx.logger.warn({ err: err.message }, 'out-of-office events not read at connect'));
  }
  return account;
}
