import { DateTime } from 'luxon';
import { decideInvitation, type InvitationDecision } from '../domain/invitation.js';
import type { BusyInterval, InvitationMeta } from '../domain/message.js';
import { jobIds } from '../jobs/definitions.js';
import { ProviderError, type InvitationAnswer } from '../providers/types.js';
import { advanceCalendarCursor, getAccount } from '../storage/accounts.js';
import { logActivity } from '../storage/activity.js';
import { findInvitation, upsertInvitation } from '../storage/invitations.js';
import { effectiveSettings } from '../storage/settings-store.js';
import type { PipelineContext } from './context.js';
import { noteTimeOff, seedCalendarTimeOff } from './calendar-time-off.js';

const FREE_BUSY_DAYS = 21;

/** How each policy answers: the note always goes along; only a decline carries a counter-proposal. */
export const ANSWERS: Record<string, InvitationAnswer | undefined> = {
  'reply-with-note': 'accepted',
  'tentative-with-note': 'tentative',
  'decline-with-proposals': 'declined',
};

/**
 * New and changed invitations → one decision per event, recorded once, and an answer queued per
 * the user's policy. An expired sync token takes a fresh baseline: past invitations are never answered.
 */
export async function syncCalendar(ctx: PipelineContext, accountId: string): Promise<{ invitations: number; answers: number }> {
  const account = await getAccount(ctx.db, accountId);
  if (!account || account.status === 'needs-reconnect') return { invitations: 0, answers: 0 };
  // Calendar support is a capability: a mailbox without one has no invitations to read.
  const provider = (await ctx.providers(account)).calendar;
  if (!provider) return { invitations: 0, answers: 0 };
  let changes;
  try {
    if (!account.calendar_cursor) throw new ProviderError('cursor_expired', 'no calendar cursor yet');
    changes = await provider.calendarChangesSince(account.calendar_cursor);
  } catch (err) {
    if (!(err instanceof ProviderError) || err.kind !== 'cursor_expired') throw err;
    const cursor = await provider.calendarBaseline();
    await seedCalendarTimeOff(ctx, account, provider);
    await advanceCalendarCursor(ctx.db, account.id, account.calendar_cursor, cursor);
    await logActivity(ctx.db, { userId: account.user_id, accountId, kind: 'sync.resync', summary: 'The calendar sync token expired; Boundary took a fresh baseline. Earlier invitations are not answered.', at: ctx.now() });
    return { invitations: 0, answers: 0 };
  }
  if (changes.timeOff) await noteTimeOff(ctx, account, changes.timeOff);
  const settings = await effectiveSettings(ctx.db, account.user_id);
  const now = DateTime.fromJSDate(ctx.now(), { zone: 'utc' });
  let busy: BusyInterval[] | undefined;
  let answers = 0;
  for (const invitation of changes.invitations) {
    const existing = await findInvitation(ctx.db, accountId, invitation.providerEventId);
    if (existing?.decision || invitation.cancelled || invitation.selfResponse !== 'needsAction') {
      await upsertInvitation(ctx.db, accountId, invitation, existing?.decision ?? null, ctx.now());
      continue;
    }
    busy ??= await provider.freeBusy(now.toISO()!, now.plus({ days: FREE_BUSY_DAYS }).toISO()!);
    const decision = decideInvitation(invitation, settings, busy, now);
    const id = await upsertInvitation(ctx.db, accountId, invitation, decision, ctx.now());
    await logActivity(ctx.db, { userId: account.user_id, accountId, kind: `invitation.${decision.action}`, summary: describe(invitation, decision, account.sending), reasons: decision.reasons.map((code) => ({ code, message: code })), ref: invitation.providerEventId, at: ctx.now() });
    if (ANSWERS[decision.action] && account.sending) {
      await ctx.producer.add('answer-invitation', { invitationId: id }, { jobId: jobIds.answerInvitation(id) });
      answers += 1;
    }
  }
  await advanceCalendarCursor(ctx.db, account.id, account.calendar_cursor, changes.cursor);
  return { invitations: changes.invitations.length, answers };
}

function describe(inv: InvitationMeta, d: InvitationDecision, sending: boolean): string {
  const who = inv.organizer?.address ?? 'someone';
  const what = `"${inv.subject}" from ${who} (${d.category.replace('-', ' ')})`;
  if (d.action === 'none') return `No answer needed for ${what}: ${d.reasons.join(', ')}.`;
  if (d.action === 'notify') return `Flagged ${what} for you; Boundary does not answer it (${d.reasons.join(', ')}).`;
  const verb = { 'reply-with-note': 'accept it with a note about your hours', 'tentative-with-note': 'answer tentatively with a note', 'decline-with-proposals': 'decline politely and propose times within your hours' }[d.action];
  return sending ? `Will ${verb}: ${what}.` : `Preview mode: would ${verb}: ${what}.`;
}
