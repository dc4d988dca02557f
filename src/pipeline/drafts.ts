import { draftMessageId } from '../domain/drafts/compose.js';
import { isAddrSpec, isMsgId } from '../domain/mail-syntax.js';
import type { ReplyLanguage } from '../domain/settings.js';
import { jobIds } from '../jobs/definitions.js';
import { getAccount, type AccountRow } from '../storage/accounts.js';
import { draftByKey, insertDraft, type DraftRow } from '../storage/drafts.js';
import type { PipelineContext } from './context.js';

/**
 * Drafts in the user's own mailbox (issues 18, 20, 21; SHARED-CONTRACTS §2). Boundary never sends
 * relationship mail: features ask for a draft here, and the `write-draft` job saves it in the
 * user's Drafts folder, once, for the user to read, edit and send.
 */

export type DraftKind =
  | 'deadline-question' | 'set-the-line' | 'closing-note'            // issue 18
  | 'first-contact' | 'recap' | 'contract-request' | 'scope-cost'     // issue 20
  | 'payment-reminder';                                               // issue 20

export interface DraftRequest {
  accountId: string;
  userId: string;
  clientId: string | null;
  kind: DraftKind;
  /** Unique per account: the same key never produces a second draft (idempotent reactions). */
  dedupeKey: string;
  to: string;                 // one address
  subject: string;
  text: string;               // plain text body, already written in the client's language
  language: ReplyLanguage;
  /** When answering a message: the draft joins its thread with In-Reply-To/References. */
  inReplyTo?: { providerMessageId: string; messageId: string | null; threadId: string };
}

export async function enqueueWriteDraft(ctx: PipelineContext, draft: Pick<DraftRow, 'id'>): Promise<void> {
  await ctx.producer.add('write-draft', { draftId: String(draft.id) }, { jobId: jobIds.writeDraft(String(draft.id)) });
}

/** Why no draft can be written from this request (a bug in the calling feature), or null. */
function problemOf(req: DraftRequest): string | null {
  const problems = [
    !isAddrSpec(req.to) && `"to" is not one email address: ${JSON.stringify(req.to.slice(0, 80))}`,
    !req.dedupeKey.trim() && '"dedupeKey" is empty',
    !req.text.trim() && '"text" is empty',
    req.inReplyTo?.messageId && !isMsgId(req.inReplyTo.messageId) && '"inReplyTo.messageId" is not a Message-ID',
  ].filter((p): p is string => Boolean(p));
  return problems.length ? problems.join('; ') : null;
}

/**
 * Records the request and queues the `write-draft` job. 'off' when the account has not turned
 * drafting on (or its grant does not allow drafts); 'exists' when this key was asked for before.
 * A malformed request is logged and answered 'off' rather than thrown: it is called from mail
 * sync, which must not stop on one message a feature could not draft for.
 */
export async function requestDraft(ctx: PipelineContext, req: DraftRequest, loaded?: AccountRow): Promise<'queued' | 'exists' | 'off'> {
  const problem = problemOf(req);
  if (problem) {
    ctx.logger.warn({ kind: req.kind, accountId: req.accountId, problem }, 'draft request refused');
    return 'off';
  }
  // A reaction passes the account its sync pass just read, rather than reading it again.
  const account = loaded?.id === req.accountId ? loaded : await getAccount(ctx.db, req.accountId);
  if (!account || account.user_id !== req.userId || !account.drafting) return 'off';
  const earlier = await draftByKey(ctx.db, account.id, req.dedupeKey);
  if (earlier) {
    // A crash between recording and queueing loses nothing: the same job id is queued again.
    if (earlier.state === 'queued' || earlier.state === 'writing') await enqueueWriteDraft(ctx, earlier);
    return 'exists';
  }
  if (!(await ctx.providers(account)).draftWriter) return 'off';
  const row = await insertDraft(ctx.db, {
    userId: account.user_id, accountId: account.id, clientId: req.clientId, kind: req.kind, dedupeKey: req.dedupeKey,
    recipient: req.to.toLowerCase(), subject: req.subject, language: req.language, inReplyTo: req.inReplyTo ?? null, body: req.text,
    messageId: draftMessageId(account.address, account.id, req.dedupeKey),
  });
  if (!row) return 'exists';
  await enqueueWriteDraft(ctx, row);
  return 'queued';
}
