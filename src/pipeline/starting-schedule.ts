import type { Config } from '../../config/load.js';
import { providers } from '../providers/registry.js';
import { logActivity } from '../storage/activity.js';
import { getSettings, putSettings, STARTER_SETTINGS } from '../storage/settings-store.js';
import type { PipelineContext } from './context.js';
import type { StoredGrant } from './providers.js';

/**
 * A newly connected mailbox may already know the user's working hours and time zone (Outlook
 * does): offer them as the starting schedule, but only to someone who hasn't set their own yet.
 * A mailbox that can't be read this way (an unknown Windows zone, say) leaves the settings alone
 * and says why.
 */
export async function offerStartingSchedule(ctx: PipelineContext, config: Config, userId: string, grant: StoredGrant): Promise<void> {
  const kit = providers.kit(grant.provider);
  if (!kit.mailboxDefaults) return;
  const { version } = await getSettings(ctx.db, userId);
  if (version > 0) return;
  try {
    const found = await kit.mailboxDefaults(config, grant, ctx.now);
    // A scheduled automatic reply is time off the user already announced: it counts as vacation.
    const vacations = found.timeOff ? [{ start: found.timeOff.start, end: found.timeOff.end }] : [];
    await putSettings(ctx.db, userId, { ...STARTER_SETTINGS, timeZone: found.timeZone, week: found.week, vacations }, ctx.now());
    const away = found.timeOff ? ` Your scheduled automatic replies (${found.timeOff.start} to ${found.timeOff.end}) count as vacation.` : '';
    await logActivity(ctx.db, { userId, kind: 'settings.imported', summary: `Started from your ${found.source} working hours (${found.timeZone}).${away} Adjust them any time on the Working hours page.`, at: ctx.now() });
  } catch (err) {
    await logActivity(ctx.db, { userId, kind: 'settings.import-skipped', summary: `Could not use your mailbox's working hours as a starting point: ${(err as Error).message}. Set them on the Working hours page.`, at: ctx.now() });
  }
}
