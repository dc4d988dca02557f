import { getAccount } from '../storage/accounts.js';
import { logActivity } from '../storage/activity.js';
import { getInvitation, markInvitationAnswered } from '../storage/invitations.js';
import type { PipelineContext } from './context.js';
import { ANSWERS } from './sync-calendar.js';

/** Answers one invitation per its recorded decision, once: the row is marked before returning. */
export async function answerInvitation(ctx: PipelineContext, invitationId: string): Promise<'answered' | 'skipped'> {
  const row = await getInvitation(ctx.db, invitationId);
  if (!row || row.answered_at || !row.decision) return 'skipped';
  const account = await getAccount(ctx.db, row.account_id);
  if (!account || !account.sending || account.status === 'needs-reconnect') return 'skipped';
  const invitation = row.data;
  const decision = row.decision;
  const answer = ANSWERS[decision.action];
  if (!answer) return 'skipped';
  const provider = (await ctx.providers(account)).calendar;
  if (!provider) return 'skipped';
  const proposal = answer === 'declined' && decision.proposals[0] ? { start: decision.proposals[0].start, end: decision.proposals[0].end } : undefined;
  await provider.answerInvitation(invitation, answer, decision.note ?? '', proposal);
  await markInvitationAnswered(ctx.db, invitationId, answer, ctx.now());
  await logActivity(ctx.db, {
    userId: account.user_id,
    accountId: account.id,
    kind: 'invitation.answered',
    summary: `Answered "${invitation.subject}" (${answer})${proposal ? ` and proposed ${decision.proposals[0]!.userText}` : ''}.`,
    ref: invitation.providerEventId,
    at: ctx.now(),
  });
  return 'answered';
}
